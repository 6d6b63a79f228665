import { assertValidSteps, backoffMs, readySteps, type Progress } from '../core/run/schedule.js';
import type { RunEvent, RunStatus } from '../core/run/events.js';
import { isFinished, withStep, type Journal, type StepRecord } from '../core/run/journal.js';
import { BugError } from '../core/errors.js';
import type { Step } from '../core/steps/step.js';
import { describeProbe } from '../core/plan/describe.js';
import { kindFor, type ExecuteContext, type Outcome, type RunSettings, type StepKinds } from '../core/steps/kind.js';

/** Everything the runner needs from outside; the CLI passes the real ones, tests pass real ones too. */
export interface RunDeps {
  /** The stack's step kinds: how each step runs, and how its skip probe is answered. */
  readonly kinds: StepKinds;
  readonly settings: RunSettings;
  /** Asked before a destructive step; false stops the run before that step (nothing of it done). */
  readonly confirmDestructive: (step: Step) => Promise<boolean>;
  readonly emit: (event: RunEvent) => void;
  readonly saveJournal: (journal: Journal) => Promise<void>;
  readonly mask: (text: string) => string;
  readonly now: () => Date;
  /** Stops the whole run: Ctrl-C, SIGTERM, SIGHUP. */
  readonly signal: AbortSignal;
  readonly backoffBaseMs: number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

const TAIL_LINES = 20;

/**
 * Runs the steps as a graph: every step whose dependencies are done starts at once, so independent work
 * (image pulls, database provisioning) overlaps. Steps already finished in `journal` are not redone.
 * After a failure no new step starts; the ones running finish. The journal is saved after every step.
 */
export async function runSteps(steps: readonly Step[], journal: Journal, deps: RunDeps, info: { stack: string; dir: string; logPath: string; resumed: boolean; what?: string }): Promise<{ status: RunStatus; journal: Journal; failed?: { id: string; error: string; tail: readonly string[] }; checks: readonly string[] }> {
  assertValidSteps(info.stack, steps, deps.kinds);
  const at = () => deps.now().toISOString();
  const started = deps.now().getTime();
  const progress = new Map<string, Progress>(steps.map((s) => [s.id, isFinished(journal.steps[s.id]) ? (journal.steps[s.id]!.status as 'done' | 'skipped') : 'pending']));
  let current: Journal = { ...journal, status: 'running', updatedAt: at() };
  let saving = Promise.resolve();
  // Saves are chained so two steps finishing together cannot write an older journal over a newer one.
  const record = (id: string, r: StepRecord) => {
    current = withStep(current, id, r);
    const snapshot = current;
    saving = saving.then(() => deps.saveJournal(snapshot));
    return saving;
  };
  deps.emit({ type: 'run-started', at: at(), runId: journal.runId, stack: info.stack, dir: info.dir, logPath: info.logPath, resumed: info.resumed, ...(info.what ? { what: info.what } : {}), steps: steps.map((s) => ({ id: s.id, title: s.title, status: progress.get(s.id) as 'pending' | 'done' | 'skipped' })) });
  await deps.saveJournal(current);

  let failed: { id: string; error: string; tail: readonly string[] } | undefined;
  // What the health gates (HTTP checks) found in this run, for the summary.
  const checks: string[] = [];
  let declined = false;
  const running = new Map<string, Promise<void>>();

  // A skip probe asks once; anything unexpected counts as "not done yet".
  const probe = async (step: Step): Promise<boolean> => {
    const ctx: ExecuteContext = { signal: deps.signal, onLine: () => undefined, settings: deps.settings };
    return kindFor(deps.kinds, step.skipIf!).probe!(step.skipIf!, ctx).catch(() => false);
  };

  const runOne = async (step: Step): Promise<void> => {
    progress.set(step.id, 'running');
    const t0 = deps.now().getTime();
    const seconds = () => Math.round((deps.now().getTime() - t0) / 100) / 10;
    if (step.skipIf && (await probe(step))) {
      const reason = deps.mask(describeProbe(step.skipIf, deps.kinds));
      progress.set(step.id, 'skipped');
      deps.emit({ type: 'step-skipped', at: at(), id: step.id, title: step.title, reason });
      await record(step.id, { status: 'skipped', at: at(), note: reason });
      return;
    }
    if (step.destructive && !(await deps.confirmDestructive(step))) {
      progress.set(step.id, 'pending');
      declined = true;
      return;
    }
    assertNoSecretInArgv(step, deps.kinds, deps.mask);
    const kind = kindFor(deps.kinds, step.run);
    const attempts = 1 + (step.retries ?? 0);
    const tail: string[] = [];
    let last: Outcome = { ok: false, error: 'not run' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      deps.emit({ type: 'step-started', at: at(), id: step.id, title: step.title, attempt, attempts });
      const timeout = step.timeoutSeconds ? AbortSignal.timeout(step.timeoutSeconds * 1000) : undefined;
      const signal = timeout ? AbortSignal.any([deps.signal, timeout]) : deps.signal;
      const onLine = (raw: string, stream: 'stdout' | 'stderr' | 'info') => {
        const line = deps.mask(raw);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        deps.emit({ type: 'step-output', at: at(), id: step.id, stream, line });
      };
      try {
        last = await kind.execute!(step.run, { signal, onLine, settings: deps.settings });
      } catch (error) {
        last = { ok: false, error: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (!last.ok && timeout?.aborted && !deps.signal.aborted) last = { ok: false, error: `timed out after ${step.timeoutSeconds} s` };
      if (last.ok || deps.signal.aborted || attempt === attempts) break;
      const delay = backoffMs(attempt + 1, deps.backoffBaseMs);
      deps.emit({ type: 'step-retry', at: at(), id: step.id, attempt, error: deps.mask(last.error), delaySeconds: delay / 1000 });
      await deps.sleep(delay, deps.signal).catch(() => undefined);
      if (deps.signal.aborted) break;
    }
    if (deps.signal.aborted) {
      progress.set(step.id, 'interrupted');
      deps.emit({ type: 'step-interrupted', at: at(), id: step.id, title: step.title });
      await record(step.id, { status: 'interrupted', at: at() });
      return;
    }
    if (last.ok) {
      progress.set(step.id, 'done');
      const detail = last.detail === undefined ? {} : { detail: deps.mask(last.detail) };
      deps.emit({ type: 'step-succeeded', at: at(), id: step.id, title: step.title, seconds: seconds(), ...detail });
      if (kind.gate) checks.push(`${step.title}: ${detail.detail ?? 'passed'}`);
      await record(step.id, { status: 'done', at: at(), ...(last.detail === undefined ? {} : { note: deps.mask(last.detail) }) });
      return;
    }
    const error = deps.mask(last.error);
    progress.set(step.id, 'failed');
    failed ??= { id: step.id, error, tail: [...tail] };
    deps.emit({ type: 'step-failed', at: at(), id: step.id, title: step.title, seconds: seconds(), error, tail: [...tail] });
    await record(step.id, { status: 'failed', at: at(), note: error });
  };

  const start = (step: Step) => running.set(step.id, runOne(step).finally(() => running.delete(step.id)));
  const destructiveRunning = () => steps.some((s) => s.destructive && running.has(s.id));
  for (;;) {
    if (!failed && !declined && !deps.signal.aborted && !destructiveRunning()) {
      const ready = readySteps(steps, progress);
      // A destructive step runs alone: once one is ready nothing new starts, and it starts when the running
      // steps have finished. So its question never interleaves with other output, and only one is ever open.
      const destructive = ready.find((s) => s.destructive);
      if (!destructive) ready.forEach(start);
      else if (running.size === 0) start(destructive);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  await saving;

  const allFinished = steps.every((s) => progress.get(s.id) === 'done' || progress.get(s.id) === 'skipped');
  const status: RunStatus = deps.signal.aborted || declined ? 'interrupted' : failed || !allFinished ? 'failed' : 'succeeded';
  current = { ...current, status, updatedAt: at() };
  await deps.saveJournal(current);
  deps.emit({ type: 'run-finished', at: at(), status, seconds: Math.round((deps.now().getTime() - started) / 100) / 10, logPath: info.logPath, ...(failed ? { failed: failed.id } : {}), ...(info.what ? { what: info.what } : {}) });
  return { status, journal: current, checks, ...(failed ? { failed } : {}) };
}

/** A secret in argv would show in `ps` and in error messages: refuse to start such a step at all. */
function assertNoSecretInArgv(step: Step, kinds: StepKinds, mask: (text: string) => string): void {
  const argv = kindFor(kinds, step.run).argv?.(step.run) ?? [];
  if (argv.some((a) => mask(a) !== a)) throw new BugError(`step ${step.id} would pass a secret on its command line`);
}
