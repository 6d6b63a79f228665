import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { runSteps, type RunDeps } from '../../src/app/run-steps.js';
import { stepKinds } from '../../src/core/steps/kind.js';
import { exec, execKind, httpKind, mkdirKind, pathExistsKind, type ExecRun } from '../../src/kit/steps/index.js';
import type { RunEvent } from '../../src/core/run/events.js';
import { newJournal, type Journal } from '../../src/core/run/journal.js';
import type { Step } from '../../src/core/steps/step.js';
import { ROOT } from './cli.js';

export const FIXTURE = (name: string) => join(ROOT, 'test', 'fixtures', 'steps', name);
export const node = (script: string, ...args: string[]): ExecRun => exec([process.execPath, FIXTURE(script), ...args]);

/** Runs steps in-process with the real step kinds and executors; the database kinds are not needed here. */
export async function run(steps: readonly Step[], options: { journal?: Journal; signal?: AbortSignal; confirm?: boolean; ask?: (step: Step, events: readonly RunEvent[]) => Promise<boolean>; mask?: (t: string) => string; graceMs?: number } = {}) {
  const events: RunEvent[] = [];
  const saved: Journal[] = [];
  const deps: RunDeps = {
    kinds: stepKinds([execKind, mkdirKind, httpKind, pathExistsKind]),
    settings: { env: process.env, graceMs: options.graceMs ?? 500 },
    // `ask` sees the events so far: what was running when the question came.
    confirmDestructive: (step) => (options.ask ? options.ask(step, events) : Promise.resolve(options.confirm ?? false)),
    emit: (e) => events.push(e),
    saveJournal: async (j) => void saved.push(j),
    mask: options.mask ?? ((t) => t),
    now: () => new Date(),
    signal: options.signal ?? new AbortController().signal,
    backoffBaseMs: 10,
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
  };
  const result = await runSteps(steps, options.journal ?? newJournal('test-run', 'test', new Date().toISOString(), '/dev/null'), deps, { stack: 'test', dir: '/tmp', logPath: '/dev/null', resumed: Boolean(options.journal) });
  return { ...result, events, saved, lines: (id: string) => events.flatMap((e) => (e.type === 'step-output' && e.id === id ? [e.line] : [])) };
}

/** Waits until `check` holds, polling; fails with `what` after 15 s. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
