import { resolve } from 'node:path';
import { doctorTargetFromAnswers, doctorTargetFromState, runDoctor, runPreflight, type DoctorDeps } from '../../app/doctor.js';
import type { Journal } from '../../core/run/journal.js';
import { applySkips, checkSkipNames, formatResults, preflightFailure, summarize, summaryLine, type CheckResult } from '../../core/doctor/checks.js';
import type { Requirements } from '../../core/stack.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { formatProblems } from '../output.js';


/** What tests (and only tests) may replace: the requirements, and the probes that would need the network. */
export interface DoctorOverrides {
  readonly requirements?: Requirements;
  readonly writePaths?: readonly string[];
  readonly deps?: Partial<Omit<DoctorDeps, 'env' | 'writePaths'>>;
}

/** The process's user and groups: read here, in src/cli, and passed into src/app. */
export function processIdentity(): { uid: number | undefined; groups: number[] } {
  return { uid: process.getuid?.(), groups: process.getgroups?.() ?? [] };
}

/** `fieldstation doctor`: results on stdout, one line per check; exit 3 (PreflightError) when one failed. */
export async function doctor(ctx: CliContext, overrides: DoctorOverrides = {}): Promise<number> {
  const opts = parseOptions('doctor', ctx.args, {
    dir: { type: 'string' },
    answers: { type: 'string' },
    'skip-check': { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  // A misspelt --skip-check is a usage error before anything is measured.
  const skip = checkSkipNames(opts['skip-check'] ?? []);
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  let requirements: Requirements;
  let writePaths: readonly string[];
  if (overrides.requirements) {
    requirements = overrides.requirements;
    writePaths = overrides.writePaths ?? [dir];
  } else {
    const target = opts.answers === undefined ? await doctorTargetFromState(dir) : await doctorTargetFromAnswers(resolve(ctx.cwd, opts.answers), dir);
    if (target.warnings.length && !opts.json) ctx.out.err(`${formatProblems(target.warnings)}\n`);
    requirements = target.requirements;
    writePaths = overrides.writePaths ?? target.writePaths;
    if (!opts.json) ctx.out.err(`Checking this machine for ${target.stack.title} (answers from ${target.source}).\n`);
  }
  const results = applySkips(await runDoctor(requirements, { env: ctx.env, ...processIdentity(), ...overrides.deps, writePaths }), skip);
  if (opts.json) {
    ctx.out.out(`${JSON.stringify({ ok: summarize(results).ok, results }, null, 2)}\n`);
  } else {
    ctx.out.out(`${formatResults(results)}${summaryLine(results)}\n`);
  }
  const failure = preflightFailure(results, 'fieldstation doctor');
  if (failure) throw failure;
  return 0;
}

/**
 * The same checks for `apply`, before any step: the results go to stderr (apply's stdout is its own
 * result), and a failure not overridden by --skip-check throws PreflightError (exit 3) naming the override.
 */
export async function preflight(
  requirements: Requirements,
  skip: readonly string[],
  ctx: CliContext,
  options: { readonly writePaths: readonly string[]; readonly rerun?: string; readonly deps?: DoctorOverrides['deps']; readonly previous?: Journal | undefined },
): Promise<CheckResult[]> {
  const results = await runPreflight(requirements, { env: ctx.env, ...processIdentity(), ...options.deps, writePaths: options.writePaths }, { skip: checkSkipNames(skip), previous: options.previous });
  ctx.out.err(`Preflight checks:\n${formatResults(results)}${summaryLine(results)}\n`);
  const failure = preflightFailure(results, options.rerun ?? 'fieldstation apply');
  if (failure) throw failure;
  return results;
}
