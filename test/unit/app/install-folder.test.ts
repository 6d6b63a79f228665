import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor } from '../../../src/app/doctor.js';
import { install } from '../../../src/app/install.js';
import { plan } from '../../../src/app/plan.js';
import type { StackEntry } from '../../../src/app/ports.js';
import { describePlan } from '../../../src/core/plan/describe.js';
import type { Stack } from '../../../src/core/stack.js';
import { beacon, beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { beaconAnswers, recordingHooks, testWorld } from '../../helpers/app.js';

/** Beacon as if it ran from an upstream checkout's folder: the generic install-folder guard, on the tests' own server. */
const checkout: Stack = {
  ...beacon,
  installFolder: { what: 'the logger/ folder of a beacon checkout', contains: ['compose.yml', 'compose.prod.yml'], get: 'Clone it: `git clone https://example.org/beacon`, then use `--dir beacon/logger`.' },
};
const entry: StackEntry = { ...beaconEntry, load: async () => checkout };
const FIX = 'Clone it: `git clone https://example.org/beacon`, then use `--dir beacon/logger`.';
const request = (path: string, dir: string, skipBootstrap: boolean) => ({ source: { kind: 'file' as const, path }, dir, skipBootstrap, skipChecks: [] });

/** A world whose install folder holds `files` of the two it must hold (none: the folder is not made). */
function world(files: readonly string[] | undefined) {
  const w = testWorld({ stacks: [entry] });
  const answers = beaconAnswers(w);
  if (files) {
    mkdirSync(w.dir, { recursive: true });
    for (const f of files) writeFileSync(join(w.dir, f), 'services: {}\n');
  }
  return { ...w, answers };
}

describe('an install folder that is not what the server runs from', () => {
  it('blocks the plan, naming the folder, what is missing and how to get it', async () => {
    const w = world(['compose.yml']);
    const planned = await plan(w.deps, { source: { kind: 'file', path: w.answers }, dir: w.dir });
    expect(planned.view.blocked).toEqual([{ path: w.dir, reason: 'is not the logger/ folder of a beacon checkout: compose.prod.yml is missing', fix: FIX }]);
    expect(describePlan(planned.view, { diffs: false })).toContain(`  BLOCKED   ${w.dir} is not the logger/ folder of a beacon checkout: compose.prod.yml is missing\n            fix: ${FIX}\n`);
  });

  it('says so when the folder does not exist at all', async () => {
    const w = world(undefined);
    const planned = await plan(w.deps, { source: { kind: 'file', path: w.answers }, dir: w.dir });
    expect(planned.view.blocked).toEqual([{ path: w.dir, reason: 'does not exist: it must be the logger/ folder of a beacon checkout, which holds compose.yml and compose.prod.yml', fix: FIX }]);
  });

  it.each([['apply', false], ['apply --skip-bootstrap', true]])('stops %s before anything is written', async (_, skipBootstrap) => {
    const w = world([]);
    const hooks = recordingHooks();
    const outcome = await install(w.deps, request(w.answers, w.dir, skipBootstrap as boolean), hooks);
    expect(outcome).toMatchObject({ status: 'refused', message: `Nothing was written: ${w.dir} is not the logger/ folder of a beacon checkout: compose.yml and compose.prod.yml are missing.`, hints: [FIX] });
    // Not even the machine was checked: the plan already said no.
    expect(hooks.events.map((e) => e.type)).toEqual(['answers-checked', 'plan-ready']);
    expect(readdirSync(w.dir)).toEqual([]);
    expect(existsSync(w.dataRoot)).toBe(false);
  });

  it('is doctor\'s first check, failed with the fix, or passed', async () => {
    const bad = world(['compose.prod.yml']);
    const found = await doctor(bad.deps, { dir: bad.dir, answersPath: bad.answers, skipChecks: [] });
    expect(found.results[0]).toEqual({ name: 'install-folder', title: 'Install folder', status: 'fail', detail: `${bad.dir} is not the logger/ folder of a beacon checkout: compose.yml is missing`, fix: FIX });
    const good = world(['compose.yml', 'compose.prod.yml']);
    const ok = await doctor(good.deps, { dir: good.dir, answersPath: good.answers, skipChecks: [] });
    expect(ok.results[0]).toEqual({ name: 'install-folder', title: 'Install folder', status: 'pass', detail: `${good.dir} holds compose.yml and compose.prod.yml, as the logger/ folder of a beacon checkout does` });
  });

  it('lets apply write into the folder once it holds what it must', async () => {
    const w = world(['compose.yml', 'compose.prod.yml']);
    const outcome = await install(w.deps, request(w.answers, w.dir, true), recordingHooks());
    expect(outcome.status).toBe('written');
    expect(readdirSync(w.dir).sort()).toEqual(['.env', '.fieldstation', 'beacon.conf', 'compose.prod.yml', 'compose.yml']);
  });
});
