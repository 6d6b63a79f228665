import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { install } from '../../../src/app/install.js';
import { AnswersError, UsageError } from '../../../src/core/errors.js';
import { readBeaconConf } from '../../fixtures/stacks/beacon/format.js';
import { beaconAnswers, recordingHooks, testWorld } from '../../helpers/app.js';
import { localTime } from '../../../src/io/local-time.js';

const request = (path: string, dir: string, more: Partial<Parameters<typeof install>[1]> = {}) => ({ source: { kind: 'file' as const, path }, dir, skipBootstrap: false, skipChecks: [], ...more });

describe('the install service', () => {
  it('checks, plans, confirms, checks the machine, writes, runs the steps: in that order, once', async () => {
    const world = testWorld();
    const hooks = recordingHooks();
    const outcome = await install(world.deps, request(beaconAnswers(world), world.dir), hooks);
    expect(outcome).toMatchObject({ status: 'succeeded', stack: { id: 'beacon' }, dir: world.dir, notes: ['Sensors upload to https://beacon.example.org/upload.'] });
    const kinds = hooks.events.map((e) => e.type).filter((t, i, all) => all.indexOf(t) === i);
    expect(kinds).toEqual(['answers-checked', 'plan-ready', 'preflight', 'files-written', 'run-started', 'step-started', 'step-output', 'step-succeeded', 'run-finished']);
    const preflight = hooks.events.find((e) => e.type === 'preflight');
    expect(preflight?.type === 'preflight' && preflight.results.map((r) => [r.name, r.status])).toEqual([['tool-sh', 'pass'], ['disk', 'pass'], ['clock', 'pass'], ['privileges', 'pass']]);
    // Beacon's own format and step kind did their work.
    const conf = readBeaconConf(readFileSync(join(world.dir, 'beacon.conf'), 'utf8'));
    expect(conf).toMatchObject({ site: 'north-ridge', domain: 'beacon.example.org' });
    expect(conf['token']).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(statSync(join(world.dir, 'beacon.conf')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(world.dataRoot, '.beacon-ready'), 'utf8')).toBe('north-ridge\n');
    const state = JSON.parse(readFileSync(join(world.dir, '.fieldstation', 'state.json'), 'utf8')) as Record<string, unknown>;
    expect(state).toMatchObject({ version: 2, stack: 'beacon', secretSources: { 'secrets.token': { generate: true }, 'secrets.vault_key': { generate: true } } });
    expect(JSON.stringify(state)).not.toContain(conf['token']);
  });

  it('keeps generated secrets and finished work on a re-run', async () => {
    const world = testWorld();
    const path = beaconAnswers(world);
    await install(world.deps, request(path, world.dir), recordingHooks());
    const before = readFileSync(join(world.dir, 'beacon.conf'), 'utf8');
    const hooks = recordingHooks();
    const again = await install(world.deps, request(path, world.dir), hooks);
    expect(again.status).toBe('succeeded');
    expect(readFileSync(join(world.dir, 'beacon.conf'), 'utf8')).toBe(before);
    const plan = hooks.events.find((e) => e.type === 'plan-ready');
    expect(plan?.type === 'plan-ready' && plan.plan.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(hooks.events.find((e) => e.type === 'step-skipped')).toMatchObject({ id: 'marker', reason: `marker ${join(world.dataRoot, '.beacon-ready')} is there` });
  });

  it('writes nothing when the plan is not confirmed', async () => {
    const world = testWorld();
    const outcome = await install(world.deps, request(beaconAnswers(world), world.dir), recordingHooks(false));
    expect(outcome).toMatchObject({ status: 'declined', message: 'Nothing was written.' });
    expect(existsSync(world.dir)).toBe(false);
  });

  it('writes nothing when a check fails, and returns every result', async () => {
    const world = testWorld();
    world.machine.commands.set('date -u +%Y', { ok: true, stdout: '1970\n' });
    const hooks = recordingHooks();
    const outcome = await install(world.deps, request(beaconAnswers(world), world.dir), hooks);
    expect(outcome).toMatchObject({ status: 'refused', message: 'preflight failed: clock (4 checks: 3 passed, 1 failed).' });
    expect(outcome.hints).toEqual(['Apply the fix shown under each failed check, then run `fieldstation apply` again.', 'To go on anyway, add --skip-check clock (one flag per check).']);
    expect(outcome.preflight?.find((r) => r.name === 'clock')).toMatchObject({ status: 'fail', detail: 'the clock says 1970: it is not set', fix: 'Set it: `sudo timedatectl set-ntp true`.' });
    expect(existsSync(world.dir)).toBe(false);
    // --skip-check goes on, and says so.
    const skipped = await install(world.deps, request(beaconAnswers(world), world.dir, { skipChecks: ['clock'] }), recordingHooks());
    expect(skipped.status).toBe('succeeded');
  });

  it('stops before writing anything when stopped during the machine checks', async () => {
    const world = testWorld();
    const stop = new AbortController();
    world.machine.commands.set('date -u +%Y', { ok: true, stdout: '2026\n' });
    const slow = world.machine.run;
    // The person presses Ctrl-C while the clock is being read.
    world.machine.run = async (argv, timeout) => (stop.abort(), slow(argv, timeout));
    const hooks = { ...recordingHooks(), signal: stop.signal };
    const outcome = await install(world.deps, request(beaconAnswers(world), world.dir), hooks);
    expect(outcome).toMatchObject({ status: 'interrupted', message: 'Stopped before anything was written.' });
    expect(existsSync(world.dir)).toBe(false);
  });

  it('refuses an unknown --skip-check name before anything is asked or written', async () => {
    const world = testWorld();
    let asked = false;
    const hooks = { ...recordingHooks(), confirm: async () => (asked = true) };
    const error = await install(world.deps, request(beaconAnswers(world), world.dir, { skipChecks: ['clok'] }), hooks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('--skip-check: there is no check named "clok" (did you mean "clock"?).');
    expect((error as UsageError).hints).toEqual(['The checks are: tool-sh, disk, clock, privileges.']);
    expect(asked).toBe(false);
    // The plan is not even shown: the wizard stays on its review with the problem.
    expect(hooks.events.map((e) => e.type)).toEqual(['answers-checked']);
  });

  it('writes the files only with skipBootstrap: no check, no step', async () => {
    const world = testWorld();
    world.machine.commands.set('date -u +%Y', { ok: true, stdout: '1970\n' });
    const hooks = recordingHooks();
    const outcome = await install(world.deps, request(beaconAnswers(world), world.dir, { skipBootstrap: true }), hooks);
    expect(outcome.status).toBe('written');
    expect(outcome.files?.written).toEqual(['beacon.conf', '.env']);
    expect(hooks.events.map((e) => e.type)).toEqual(['answers-checked', 'plan-ready', 'files-written']);
  });

  it('writes no file when the folder of one of them cannot be made or written, even with skipBootstrap', async () => {
    const world = testWorld();
    const real = world.deps.files;
    // The second file's folder refuses, as a root-owned data folder refuses a user without sudo.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const files = { ...real, prepare: async (path: string) => (path.endsWith('/.env') ? Promise.reject(denied) : real.prepare(path)) };
    const run = install({ ...world.deps, files }, request(beaconAnswers(world), world.dir, { skipBootstrap: true }), recordingHooks());
    await expect(run).rejects.toThrow(`Nothing was written: cannot make or write the folder ${world.dir} (for .env): permission denied.`);
    await expect(run).rejects.toMatchObject({ exitCode: 3, hints: ['Run apply as a user who may write there (e.g. sudo -E), or choose another folder in the answers, then run it again.'] });
    expect(existsSync(join(world.dir, 'beacon.conf'))).toBe(false);
    expect(existsSync(join(world.dir, '.fieldstation', 'state.json'))).toBe(false);
  });

  it('refuses to replace a pinned secret in use, naming it and why', async () => {
    const world = testWorld({ env: { VAULT: 'a-vault-key-typed-by-someone-0000000000' } });
    await install(world.deps, request(beaconAnswers(world), world.dir, { skipBootstrap: true }), recordingHooks());
    const path = beaconAnswers(world, 'secrets:\n  vault_key: { env: VAULT }\n', 'changed.yaml');
    const error = await install(world.deps, request(path, world.dir, { skipBootstrap: true }), recordingHooks()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswersError);
    expect((error as AnswersError).problems.find((p) => p.severity === 'error')).toMatchObject({
      path: 'secrets.vault_key',
      message: 'would replace the value in use with a different one, but it is pinned: it encrypts the stored readings, which a new key could not read',
    });
  });

  it('hands a stack the previous value of a changed secret, so it can make the new one live first', async () => {
    const world = testWorld({ env: { TOKEN: 'a-new-upload-token-000000' } });
    await install(world.deps, request(beaconAnswers(world), world.dir), recordingHooks());
    const path = beaconAnswers(world, 'secrets:\n  token: { env: TOKEN }\n', 'rotate.yaml');
    const hooks = recordingHooks();
    const outcome = await install(world.deps, request(path, world.dir), hooks);
    expect(outcome.status).toBe('succeeded');
    const started = hooks.events.filter((e) => e.type === 'step-started').map((e) => e.type === 'step-started' && e.id);
    expect(started).toEqual(['folders', 'token-live', 'start']);
    expect(hooks.events.some((e) => e.type === 'step-output' && e.id === 'token-live' && e.line === 'token replaced')).toBe(true);
    // Both values reached the step through its environment and were masked in everything it said.
    expect(JSON.stringify(hooks.events)).not.toContain('a-new-upload-token-000000');
  });

  it('keeps a second run out while one writes and runs', async () => {
    const world = testWorld();
    const path = beaconAnswers(world);
    await install(world.deps, request(path, world.dir, { skipBootstrap: true }), recordingHooks());
    writeFileSync(join(world.dir, '.fieldstation', 'lock'), JSON.stringify({ pid: process.pid, what: 'apply', at: '2026-11-23T10:00:00Z' }));
    const error = await install(world.deps, request(path, world.dir), recordingHooks()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(`another fieldstation (pid ${process.pid}, apply, since ${localTime('2026-11-23T10:00:00Z')}) is working in ${world.dir}.`);
    // A lock left by a process that is gone is taken over.
    writeFileSync(join(world.dir, '.fieldstation', 'lock'), JSON.stringify({ pid: 2 ** 22 + 7, what: 'apply', at: 'then' }));
    expect((await install(world.deps, request(path, world.dir), recordingHooks())).status).toBe('succeeded');
    expect(existsSync(join(world.dir, '.fieldstation', 'lock'))).toBe(false);
  });
});
