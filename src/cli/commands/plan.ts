import { resolve } from 'node:path';
import { loadAnswers } from '../../app/answers.js';
import { planInstall } from '../../app/plan.js';
import { describePlan } from '../../core/plan/describe.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { formatProblems } from '../output.js';

/** `fieldstation plan`: what apply would write and run; changes nothing. */
export async function plan(ctx: CliContext): Promise<number> {
  const opts = parseOptions('plan', ctx.args, { answers: { type: 'string' }, dir: { type: 'string' }, 'no-diff': { type: 'boolean' } });
  const answersPath = resolve(ctx.cwd, required('plan', 'answers', opts.answers));
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const deps = appDeps(ctx);
  const answers = await loadAnswers(deps, { kind: 'file', path: answersPath });
  const planned = await planInstall(deps, answers, dir);
  ctx.out.setMask(planned.mask);
  if (answers.warnings.length) ctx.out.err(`${formatProblems(answers.warnings)}\n`);
  ctx.out.out(describePlan(planned.view, { diffs: !opts['no-diff'] }));
  if (planned.view.generated.length) ctx.out.err(`Generated now (a real apply generates its own): ${planned.view.generated.join(', ')}.\n`);
  return 0;
}
