import { resolve } from 'node:path';
import { doctor as runDoctor } from '../../app/doctor.js';
import { formatResults, preflightFailure, summarize, summaryLine } from '../../core/checks/outcome.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { formatProblems } from '../output.js';

/** `fieldstation doctor`: results on stdout, one line per check; exit 3 (PreflightError) when one failed. */
export async function doctor(ctx: CliContext): Promise<number> {
  const opts = parseOptions('doctor', ctx.args, {
    dir: { type: 'string' },
    answers: { type: 'string' },
    'skip-check': { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const outcome = await runDoctor(appDeps(ctx), {
    dir,
    ...(opts.answers !== undefined ? { answersPath: resolve(ctx.cwd, opts.answers) } : {}),
    skipChecks: opts['skip-check'] ?? [],
  });
  const { results } = outcome;
  if (opts.json) {
    ctx.out.out(`${JSON.stringify({ ok: summarize(results).ok, stack: outcome.stack.id, results }, null, 2)}\n`);
  } else {
    if (outcome.warnings.length) ctx.out.err(`${formatProblems(outcome.warnings)}\n`);
    ctx.out.err(`Checking this machine for ${outcome.stack.title} (answers from ${outcome.source}).\n`);
    ctx.out.out(`${formatResults(results)}${summaryLine(results)}\n`);
  }
  const failure = preflightFailure(results, 'fieldstation doctor');
  if (failure) throw failure;
  return 0;
}
