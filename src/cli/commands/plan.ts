import { join, resolve } from 'node:path';
import { loadAnswers } from '../../app/load-answers.js';
import { makePlan } from '../../app/make-plan.js';
import { describePlan } from '../../core/plan/describe.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { formatProblems } from '../output.js';

export async function plan(ctx: CliContext): Promise<number> {
  const opts = parseOptions('plan', ctx.args, { answers: { type: 'string' }, dir: { type: 'string' }, 'no-diff': { type: 'boolean' } });
  const answersPath = resolve(ctx.cwd, required('plan', 'answers', opts.answers));
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const loaded = await loadAnswers(answersPath, ctx.env);
  const planned = await makePlan(loaded, { dir, templatesDir: join(ctx.root, 'templates'), random: ctx.random });
  ctx.out.setMask(planned.mask);
  if (loaded.warnings.length) ctx.out.err(`${formatProblems(loaded.warnings)}\n`);
  ctx.out.out(describePlan(planned.plan, { diffs: !opts['no-diff'] }));
  if (planned.generated.length) ctx.out.err(`Generated now (a real apply generates its own): ${planned.generated.join(', ')}.\n`);
  return 0;
}
