import { preflightFailure } from '../core/checks/outcome.js';
import { UsageError } from '../core/errors.js';
import { hasFinishedSteps } from '../core/run/journal.js';
import { aboutOf } from '../core/stack.js';
import { installStore } from '../io/store.js';
import { bootstrap } from './bootstrap.js';
import type { RunOutcome } from './events.js';
import type { RunHooks } from './install.js';
import { resumeCommand } from './paths.js';
import { installedInput, readInstalled } from './installed.js';
import { stepsAndChecks } from './plan.js';
import type { AppDeps } from './ports.js';
import { runChecks, validateSkips } from './preflight.js';
import { localTime } from '../io/local-time.js';

export interface ResumeRequest {
  readonly dir: string;
  readonly skipChecks: readonly string[];
}

/**
 * `fieldstation resume` and the wizard's resume: the last bootstrap in DIR continued at its first
 * unfinished step, without redoing the finished ones. It needs no answers file: the answers come from
 * the state, the secrets from the files apply wrote. The machine is checked first, as in apply.
 */
export async function resume(deps: AppDeps, r: ResumeRequest, hooks: RunHooks): Promise<RunOutcome> {
  const store = installStore(r.dir);
  const installed = await readInstalled(deps, store, `Run \`fieldstation apply --answers FILE --dir ${r.dir}\` first.`);
  const { stack, kinds } = installed.loaded;
  const { input, mask } = await installedInput(deps, installed, r.dir);
  hooks.emit({ type: 'answers-checked', stack: aboutOf(stack), source: store.paths.state, warnings: [], mask });
  const journal = await store.journal();
  if (!journal) throw new UsageError(`${r.dir} has no bootstrap run to resume.`, [`Run \`fieldstation apply --answers FILE --dir ${r.dir}\` to start one.`]);
  const base = { stack: aboutOf(stack), dir: r.dir, checks: [], notes: [], resumeCommand: resumeCommand(r.dir) };
  if (journal.status === 'succeeded') return { ...base, status: 'succeeded', message: `Nothing to resume: the last bootstrap in ${r.dir} finished on ${localTime(journal.updatedAt)}.` };

  const { steps, checks: uses } = stepsAndChecks(stack, kinds, input, r.dir, deps.files);
  const skip = validateSkips(uses, r.skipChecks);
  const results = await runChecks(deps, uses, { skip, rerun: hasFinishedSteps(journal) });
  hooks.emit({ type: 'preflight', results });
  const failure = preflightFailure(results, resumeCommand(r.dir));
  if (failure) return { ...base, status: 'refused', message: failure.message, hints: failure.hints, preflight: results };

  const release = await store.lock({ pid: deps.process.pid, what: 'resume', at: deps.now().toISOString() });
  try {
    const run = await bootstrap(deps, store, { stack: stack.id, steps, kinds, mask, resume: journal }, hooks);
    const notes = (stack.notes?.(input) ?? []).map(mask);
    return { ...base, status: run.status, logPath: run.logPath, checks: run.checks, notes, ...(run.failed ? { failed: run.failed } : {}) };
  } finally {
    await release();
  }
}
