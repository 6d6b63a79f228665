import { resolve } from 'node:path';
import { hasFinishedSteps } from '../core/run/journal.js';
import type { CheckResult } from '../core/checks/check.js';
import type { ChecksChoice } from '../core/session/flow.js';
import { blockedMessage } from '../core/plan/plan.js';
import type { PlanView } from '../core/plan/view.js';
import { aboutOf, type Stack } from '../core/stack.js';
import type { SecretQuestion } from '../core/questions/types.js';
import type { ShownOnce } from '../core/session/outcome.js';
import type { Step } from '../core/steps/step.js';
import type { WriteOptions } from '../io/files.js';
import { installStore } from '../io/store.js';
import type { AnswersSource } from './answers.js';
import { bootstrap } from './bootstrap.js';
import type { AppEvent, RunOutcome } from './events.js';
import { plan, type PlannedInstall } from './plan.js';
import { resumeCommand } from './paths.js';
import type { AppDeps } from './ports.js';
import { machineChecked, validateSkips } from './preflight.js';
import { saveAnswers } from './save-answers.js';
import { writeFiles } from './write-files.js';

export interface InstallRequest {
  readonly source: AnswersSource;
  readonly dir: string;
  /** Write the files only: no preflight, no step. */
  readonly skipBootstrap: boolean;
  /** Failed checks to go on despite (--skip-check). */
  readonly skipChecks: readonly string[];
  /** The wizard's answers, flat, to save as DIR/.fieldstation/answers.yaml for a replay. */
  readonly saveAnswers?: Readonly<Record<string, unknown>>;
  /** Test hook: called before each file replaces its target. */
  readonly beforeRename?: WriteOptions['beforeRename'];
}

export interface RunHooks {
  readonly emit: (event: AppEvent) => void;
  readonly signal: AbortSignal;
  readonly confirmDestructive: (step: Step) => Promise<boolean>;
  /**
   * A check failed: asked what to do (the wizard's screen for it). Without it the run is refused with the
   * checks' fixes, as `apply` and `resume` do.
   */
  readonly checksFailed?: (results: readonly CheckResult[]) => Promise<ChecksChoice>;
}

export interface InstallHooks extends RunHooks {
  /** Asked once the plan is ready (the CLI asks, or --yes; the wizard's plan screen); false: nothing is written. */
  readonly confirm: (plan: PlanView) => Promise<boolean>;
}


/**
 * `fieldstation apply` and the wizard's apply, one pipeline: load and check the answers → plan (secrets
 * settled, files rendered and compared) → confirm → check the machine → write the files (and the wizard's
 * answers) → run the bootstrap → its health gates → the outcome. Nothing is written before the machine
 * passed its checks, and the lock keeps a second run out while files are written and steps run.
 */
export async function install(deps: AppDeps, r: InstallRequest, hooks: InstallHooks): Promise<RunOutcome> {
  // The plan is shown once the --skip-check names are known to be checks of this server: a typo stops here.
  let ready: AppEvent | undefined;
  const planned = await plan(deps, r, (e) => (e.type === 'plan-ready' ? (ready = e) : hooks.emit(e)));
  const { stack, kinds } = planned.answers.loaded;
  const skip = validateSkips(planned.checks, r.skipChecks);
  if (ready) hooks.emit(ready);
  const base = { stack: aboutOf(stack), dir: r.dir, checks: [], notes: planned.view.notes, resumeCommand: resumeCommand(r.dir) };

  if (!(await hooks.confirm(planned.view))) return { ...base, status: 'declined', message: 'Nothing was written.' };
  // Before the preflight, which --skip-bootstrap leaves out: a blocked plan is never written.
  if (planned.plan.blocked.length) return { ...base, status: 'refused', ...blockedMessage(planned.plan.blocked) };
  const store = installStore(r.dir);
  let filesOnly = r.skipBootstrap;
  if (!r.skipBootstrap) {
    const checked = await machineChecked(deps, planned.checks, skip, hasFinishedSteps(await store.journal()), hooks, r.source.kind === 'file' ? 'fieldstation apply' : 'fieldstation setup');
    if (checked.outcome === 'declined') return { ...base, status: 'declined', message: 'Nothing was written.' };
    if (checked.outcome === 'refused') return { ...base, status: 'refused', ...checked.refusal };
    filesOnly = checked.outcome === 'files-only';
  }
  // Stopped during the checks (Ctrl-C, a dropped session): nothing has been written, and nothing will be.
  if (hooks.signal.aborted) return { ...base, status: 'interrupted', message: 'Stopped before anything was written.' };
  const release = await store.lock({ pid: deps.process.pid, what: r.source.kind === 'file' ? 'apply' : 'setup', at: deps.now().toISOString() });
  try {
    const files = await writeFiles(deps, store, planned, r.beforeRename ? { beforeRename: r.beforeRename } : {});
    const answersPath = r.saveAnswers ? await saveAnswers(store, stack, r.saveAnswers, deps.now()) : undefined;
    // The wizard's answers are in answers.yaml now: a draft of them would only be offered again.
    if (r.saveAnswers) await store.removeDraft();
    hooks.emit({ type: 'files-written', files, ...(answersPath ? { answersPath } : {}) });
    const shownOnce = shownOnceOf(stack, planned, r.dir);
    const done = { ...base, files, ...(answersPath ? { answersPath } : {}), ...(shownOnce.length > 0 ? { shownOnce } : {}) };
    if (r.skipBootstrap) return { ...done, status: 'written' };
    if (filesOnly) return { ...done, status: 'written', ...bootstrapLater(r.dir, answersPath) };
    const run = await bootstrap(deps, store, { stack: stack.id, steps: planned.plan.steps, kinds, mask: planned.mask }, hooks);
    return { ...done, status: run.status, logPath: run.logPath, checks: run.checks, ...(run.failed ? { failed: run.failed } : {}) };
  } finally {
    await release();
  }
}

/** The stack's secrets to show once that this run generated (a re-run keeps them, and shows nothing). */
function shownOnceOf(stack: Stack, planned: PlannedInstall, dir: string): ShownOnce[] {
  return (stack.showOnce ?? []).flatMap(({ id, what }) => {
    const value = planned.input.secrets[id];
    const q = stack.questions.find((x): x is SecretQuestion => x.id === id && x.kind === 'secret');
    const file = q?.secret.storedIn?.file;
    if (!value || !file || !planned.view.generated.includes(id)) return [];
    return [{ what, file: resolve(dir, file), value }];
  });
}

/** Files only, the machine's checks having failed: how to run the bootstrap once the machine is ready. */
function bootstrapLater(dir: string, answersPath: string | undefined): { message: string; hints: string[] } {
  return {
    message: 'The machine\'s checks failed, so the bootstrap was not run: the files are written.',
    hints: [
      'Fix what the checks found, then run the bootstrap with:',
      answersPath ? `fieldstation apply --answers ${answersPath} --dir ${dir}` : `fieldstation apply --answers FILE --dir ${dir}`,
      `or: ${resumeCommand(dir)} (or \`fieldstation setup --dir ${dir}\`, which offers it).`,
    ],
  };
}
