import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { createExec } from '../../src/app/executors/exec.js';
import { createHttpCheck } from '../../src/app/executors/http-check.js';
import { mkdirs } from '../../src/app/executors/mkdir.js';
import { createProbe } from '../../src/app/probe.js';
import { runSteps, type RunDeps } from '../../src/app/run-steps.js';
import type { RunEvent } from '../../src/core/run/events.js';
import { newJournal, type Journal } from '../../src/core/run/journal.js';
import type { Step } from '../../src/core/steps/step.js';
import { ROOT } from './cli.js';

export const FIXTURE = (name: string) => join(ROOT, 'test', 'fixtures', 'steps', name);
export const node = (script: string, ...args: string[]) => ({ kind: 'exec' as const, argv: [process.execPath, FIXTURE(script), ...args] });

/** Runs steps in-process with the real executors; database executors are not needed here. */
export async function run(steps: readonly Step[], options: { journal?: Journal; signal?: AbortSignal; confirm?: boolean; mask?: (t: string) => string; graceMs?: number } = {}) {
  const events: RunEvent[] = [];
  const saved: Journal[] = [];
  const exec = createExec({ env: process.env, graceMs: options.graceMs ?? 500 });
  const http = createHttpCheck({ minDelayMs: 10, maxDelayMs: 20 });
  const unused = async () => ({ ok: false as const, error: 'not used in these tests' });
  const deps: RunDeps = {
    executors: { exec, mkdir: mkdirs, http, 'mysql-provision': unused, 'redis-ping': unused },
    probe: createProbe(exec, http),
    confirmDestructive: async () => options.confirm ?? false,
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
