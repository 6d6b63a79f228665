import { resolve } from 'node:path';
import { loadAnswers } from '../../app/load-answers.js';
import { AnswersError } from '../../core/errors.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { formatProblems } from '../output.js';

export async function validate(ctx: CliContext): Promise<number> {
  const opts = parseOptions('validate', ctx.args, { answers: { type: 'string' }, json: { type: 'boolean' } });
  const path = resolve(ctx.cwd, required('validate', 'answers', opts.answers));
  try {
    const loaded = await loadAnswers(path, ctx.env);
    ctx.out.setMask(loaded.mask);
    if (opts.json) {
      ctx.out.out(`${JSON.stringify({ valid: true, file: path, stack: loaded.stack.id, problems: loaded.warnings }, null, 2)}\n`);
    } else {
      if (loaded.warnings.length) ctx.out.err(`${formatProblems(loaded.warnings)}\n`);
      const w = loaded.warnings.length;
      ctx.out.out(`${path}: valid answers for ${loaded.stack.title}${w ? ` (${w} warning${w === 1 ? '' : 's'})` : ''}.\n`);
    }
    return 0;
  } catch (error) {
    if (opts.json && error instanceof AnswersError) {
      ctx.out.out(`${JSON.stringify({ valid: false, file: path, problems: error.problems }, null, 2)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
