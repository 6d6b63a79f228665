import { resolve } from 'node:path';
import { plan as planService } from '../../app/plan.js';
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
  const planned = await planService(appDeps(ctx), { source: { kind: 'file', path: answersPath }, dir }, (e) => {
    if (e.type !== 'answers-checked') return;
    ctx.out.setMask(e.mask);
    if (e.warnings.length) ctx.out.err(`${formatProblems(e.warnings)}\n`);
  });
  ctx.out.setMask(planned.mask);
  ctx.out.out(describePlan(planned.view, { diffs: !opts['no-diff'] }));
  if (planned.view.generated.length) ctx.out.err(`Generated now (a real apply generates its own): ${planned.view.generated.join(', ')}.\n`);
  return 0;
}
