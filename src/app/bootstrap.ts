import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { RunEvent, RunStatus } from '../core/run/events.js';
import { formatEvent } from '../core/run/format.js';
import { newJournal, type Journal } from '../core/run/journal.js';
import type { Step } from '../core/steps/step.js';
import { openRunLog } from '../io/run-log.js';
import { STATE_DIR } from './apply.js';
import { createExec } from './executors/exec.js';
import { createHttpCheck, type HttpCheckOptions } from './executors/http-check.js';
import { mkdirs } from './executors/mkdir.js';
import { saveJournal } from './install-state.js';
import { createProbe } from './probe.js';
import { runSteps, type Executors } from './run-steps.js';

export interface BootstrapOptions {
  readonly stack: string;
  readonly dir: string;
  readonly steps: readonly Step[];
  /** The journal of an unfinished run to continue, or undefined for a new run. */
  readonly resume?: Journal;
  readonly mask: (text: string) => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly emit: (event: RunEvent) => void;
  readonly confirmDestructive: (step: Step) => Promise<boolean>;
  readonly http?: HttpCheckOptions;
  /** How long a stopped child gets between SIGTERM and SIGKILL. */
  readonly graceMs?: number;
  readonly backoffBaseMs?: number;
}

export interface BootstrapResult {
  readonly status: RunStatus;
  readonly logPath: string;
  readonly failed?: { readonly id: string; readonly error: string; readonly tail: readonly string[] };
  /** The health gates this run passed, one line each (masked), for the summary. */
  readonly checks: readonly string[];
}

const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/**
 * Runs a stack's bootstrap steps with a log (DIR/.fieldstation/logs/<time>.log, 0600, masked) and a
 * journal for `resume`. Every event goes to the log and to `emit` (the reporter of the caller's choice).
 */
export async function bootstrap(o: BootstrapOptions): Promise<BootstrapResult> {
  const log = openRunLog(join(o.dir, STATE_DIR), stamp(o.now()));
  const at = o.now().toISOString();
  const journal: Journal = o.resume ? { ...o.resume, logs: [...o.resume.logs, log.path] } : newJournal(`${stamp(o.now())}-${o.stack}`, o.stack, at, log.path);
  const exec = createExec({ env: o.env, graceMs: o.graceMs ?? 10_000 });
  const http = createHttpCheck(o.http ?? {});
  const database = () => import('./executors/database.js');
  const executors: Executors = {
    exec,
    mkdir: mkdirs,
    http,
    'mysql-provision': async (run, ctx) => (await database()).mysqlProvision(run, ctx),
    'redis-ping': async (run, ctx) => (await database()).redisPing(run, ctx),
  };
  const emit = (event: RunEvent) => {
    log.write(`${event.at} ${formatEvent(event)}`);
    o.emit(event);
  };
  try {
    const result = await runSteps(o.steps, journal, {
      executors,
      probe: createProbe(exec, http),
      confirmDestructive: o.confirmDestructive,
      emit,
      saveJournal: saveJournal(o.dir),
      mask: o.mask,
      now: o.now,
      signal: o.signal,
      backoffBaseMs: o.backoffBaseMs ?? 2000,
      sleep: (ms, signal) => delay(ms, undefined, { signal }),
    }, { stack: o.stack, dir: o.dir, logPath: log.path, resumed: o.resume !== undefined });
    return { status: result.status, logPath: log.path, checks: result.checks, ...(result.failed ? { failed: result.failed } : {}) };
  } finally {
    log.close();
  }
}
