import { resolve } from 'node:path';
import { validateAnswers } from '../../app/validate.js';
import { AnswersError } from '../../core/errors.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { formatProblems } from '../output.js';

/** `fieldstation validate`: every problem of an answers file at once; writes nothing. */
export async function validate(ctx: CliContext): Promise<number> {
  const opts = parseOptions('validate', ctx.args, { answers: { type: 'string' }, json: { type: 'boolean' } });
  const path = resolve(ctx.cwd, required('validate', 'answers', opts.answers));
  try {
    const valid = await validateAnswers(appDeps(ctx), path);
    ctx.out.setMask(valid.mask);
    if (opts.json) {
      ctx.out.out(`${JSON.stringify({ valid: true, file: path, stack: valid.stack.id, problems: valid.warnings }, null, 2)}\n`);
    } else {
      if (valid.warnings.length) ctx.out.err(`${formatProblems(valid.warnings)}\n`);
      const w = valid.warnings.length;
      ctx.out.out(`${path}: valid answers for ${valid.stack.title}${w ? ` (${w} warning${w === 1 ? '' : 's'})` : ''}.\n`);
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
