import { setTimeout as delay } from 'node:timers/promises';
import type { RunEvent, RunStatus } from '../core/run/events.js';
import { formatEvent } from '../core/run/format.js';
import { newJournal, type Journal } from '../core/run/journal.js';
import type { StepKinds } from '../core/steps/kind.js';
import type { Step } from '../core/steps/step.js';
import type { InstallStore } from '../io/store.js';
import type { AppDeps } from './ports.js';
import { runSteps } from './run-steps.js';
import { stamp } from './write-files.js';

export interface BootstrapRequest {
  readonly stack: string;
  readonly steps: readonly Step[];
  readonly kinds: StepKinds;
  /** The journal of an unfinished run to continue, or undefined for a new run. */
  readonly resume?: Journal;
  readonly mask: (text: string) => string;
  /** False for an operation's steps: the install's journal stays the last bootstrap's, for `resume`. */
  readonly keepJournal?: boolean;
  /** An operation's name (geoip-swap) where the log and progress say what runs; the bootstrap when absent. */
  readonly what?: string;
}

export interface BootstrapHooks {
  readonly signal: AbortSignal;
  readonly emit: (event: RunEvent) => void;
  readonly confirmDestructive: (step: Step) => Promise<boolean>;
}

export interface BootstrapResult {
  readonly status: RunStatus;
  readonly logPath: string;
  readonly failed?: { readonly id: string; readonly error: string; readonly tail: readonly string[] };
  /** The health gates this run passed, one line each (masked), for the summary. */
  readonly checks: readonly string[];
}

/**
 * Runs a stack's bootstrap steps with a log (DIR/.fieldstation/logs/<time>.log, 0600, masked) and a
 * journal for `resume`. Every event goes to the log and to `emit` (the reporter of the caller's choice).
 */
export async function bootstrap(deps: Pick<AppDeps, 'env' | 'now' | 'run'>, store: InstallStore, r: BootstrapRequest, hooks: BootstrapHooks): Promise<BootstrapResult> {
  const log = store.openLog(stamp(deps.now()));
  const at = deps.now().toISOString();
  const journal: Journal = r.resume ? { ...r.resume, logs: [...r.resume.logs, log.path] } : newJournal(`${stamp(deps.now())}-${r.stack}`, r.stack, at, log.path);
  const emit = (event: RunEvent) => {
    log.write(`${event.at} ${formatEvent(event)}`);
    hooks.emit(event);
  };
  try {
    const result = await runSteps(r.steps, journal, {
      kinds: r.kinds,
      settings: {
        env: deps.env,
        graceMs: deps.run.graceMs,
        ...(deps.run.connectTo ? { connectTo: deps.run.connectTo } : {}),
        ...(deps.run.httpDeadlineCapSeconds !== undefined ? { httpDeadlineCapSeconds: deps.run.httpDeadlineCapSeconds } : {}),
      },
      confirmDestructive: hooks.confirmDestructive,
      emit,
      saveJournal: r.keepJournal === false ? async () => undefined : (j) => store.saveJournal(j),
      mask: r.mask,
      now: deps.now,
      signal: hooks.signal,
      backoffBaseMs: deps.run.backoffBaseMs,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
    }, { stack: r.stack, dir: store.dir, logPath: log.path, resumed: r.resume !== undefined, ...(r.what ? { what: r.what } : {}) });
    return { status: result.status, logPath: log.path, checks: result.checks, ...(result.failed ? { failed: result.failed } : {}) };
  } finally {
    log.close();
  }
}
