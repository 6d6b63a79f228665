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
import { machineChecked, validateSkips } from './preflight.js';
import { localTime } from '../io/local-time.js';

export interface ResumeRequest {
  readonly dir: string;
  readonly skipChecks: readonly string[];
}

/**
 * `fieldstation resume` and the wizard's resume: the last bootstrap in DIR continued at its first
 * unfinished step, without redoing the finished ones (or, when none ran yet, the whole bootstrap). It
 * needs no answers file: the answers come from the state, the secrets from the files apply wrote. The
 * machine is checked first, as in apply.
 */
export async function resume(deps: AppDeps, r: ResumeRequest, hooks: RunHooks): Promise<RunOutcome> {
  const store = installStore(r.dir);
  const installed = await readInstalled(deps, store, `Run \`fieldstation apply --answers FILE --dir ${r.dir}\` first.`);
  const { stack, kinds } = installed.loaded;
  const { input, mask } = await installedInput(deps, installed, r.dir);
  hooks.emit({ type: 'answers-checked', stack: aboutOf(stack), source: store.paths.state, warnings: [], mask });
  // No journal: the files were written without a bootstrap (--skip-bootstrap, or the wizard's "files
  // only" after failed checks); the whole bootstrap runs now, as a new run.
  const journal = await store.journal();
  const base = { stack: aboutOf(stack), dir: r.dir, checks: [], notes: [], resumeCommand: resumeCommand(r.dir) };
  if (journal?.status === 'succeeded') return { ...base, status: 'succeeded', message: `Nothing to resume: the last bootstrap in ${r.dir} finished on ${localTime(journal.updatedAt)}.` };

  const { steps, checks: uses } = stepsAndChecks(stack, kinds, input, r.dir, deps.files);
  const skip = validateSkips(uses, r.skipChecks);
  const checked = await machineChecked(deps, uses, skip, hasFinishedSteps(journal), hooks, resumeCommand(r.dir));
  if (checked.outcome === 'declined') return { ...base, status: 'declined', message: 'Nothing was run.' };
  if (checked.outcome === 'refused') return { ...base, status: 'refused', ...checked.refusal };
  if (hooks.signal.aborted) return { ...base, status: 'interrupted', message: 'Stopped before any step ran.' };

  const release = await store.lock({ pid: deps.process.pid, what: 'resume', at: deps.now().toISOString() });
  try {
    const run = await bootstrap(deps, store, { stack: stack.id, steps, kinds, mask, ...(journal ? { resume: journal } : {}) }, hooks);
    const notes = (stack.notes?.(input) ?? []).map(mask);
    return { ...base, status: run.status, logPath: run.logPath, checks: run.checks, notes, ...(run.failed ? { failed: run.failed } : {}) };
  } finally {
    await release();
  }
}
