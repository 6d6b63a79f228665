import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor } from '../../../src/app/doctor.js';
import { install } from '../../../src/app/install.js';
import { resume } from '../../../src/app/resume.js';
import { validateAnswers } from '../../../src/app/validate.js';
import { AnswersError, PreflightError, UsageError } from '../../../src/core/errors.js';
import { beaconAnswers, recordingHooks, testWorld, type TestWorld } from '../../helpers/app.js';
import { localTime } from '../../../src/io/local-time.js';

const applied = async (world: TestWorld, extra = '') => {
  const path = beaconAnswers(world, extra);
  const outcome = await install(world.deps, { source: { kind: 'file', path }, dir: world.dir, skipBootstrap: false, skipChecks: [] }, recordingHooks());
  return { path, outcome };
};

describe('resume', () => {
  it('continues a failed run at the step that failed, without the answers file', async () => {
    const world = testWorld();
    // The marker's folder is a file: the marker step fails.
    writeFileSync(world.dataRoot, 'in the way');
    const first = await applied(world);
    expect(first.outcome).toMatchObject({ status: 'failed', failed: { id: 'folders' } });
    // Fixed by hand; resume redoes nothing that finished and needs no answers.
    const { rmSync } = await import('node:fs');
    rmSync(world.dataRoot);
    const hooks = recordingHooks();
    const outcome = await resume(world.deps, { dir: world.dir, skipChecks: [] }, hooks);
    expect(outcome).toMatchObject({ status: 'succeeded', notes: ['Sensors upload to https://beacon.example.org/upload.'] });
    expect(hooks.events.find((e) => e.type === 'run-started')).toMatchObject({ resumed: true });
    // The secrets read back from the files are known to the caller's masker before anything runs.
    const checked = hooks.events[0];
    if (checked?.type !== 'answers-checked') throw new Error(`the first event is ${checked?.type}, not answers-checked`);
    const vault = /^VAULT_KEY='(.*)'$/m.exec(readFileSync(join(world.dir, '.env'), 'utf8'))![1]!;
    expect(checked.mask(`key ${vault}`)).not.toContain(vault);
    expect(checked.source).toBe(join(world.dir, '.fieldstation', 'state.json'));
    const journal = JSON.parse(readFileSync(join(world.dir, '.fieldstation', 'journal.json'), 'utf8')) as { status: string; logs: string[] };
    expect(journal.status).toBe('succeeded');
    expect(journal.logs).toHaveLength(2);
  });

  it('has nothing to do after a finished run, and says so', async () => {
    const world = testWorld();
    await applied(world);
    const outcome = await resume(world.deps, { dir: world.dir, skipChecks: [] }, recordingHooks());
    expect(outcome.status).toBe('succeeded');
    // When, in this machine's time and zone (the journal keeps UTC).
    const journal = JSON.parse(readFileSync(join(world.dir, '.fieldstation', 'journal.json'), 'utf8')) as { updatedAt: string };
    expect(outcome.message).toBe(`Nothing to resume: the last bootstrap in ${world.dir} finished on ${localTime(journal.updatedAt)}.`);
    expect(journal.updatedAt).toMatch(/^2026-11-23T10:00:\d\d\.000Z$/);
  });

  it('reads the secrets back from the files and refuses to go on when one is gone', async () => {
    const world = testWorld();
    writeFileSync(world.dataRoot, 'in the way');
    await applied(world);
    writeFileSync(join(world.dir, 'beacon.conf'), '# emptied by hand\n');
    const error = await resume(world.deps, { dir: world.dir, skipChecks: [] }, recordingHooks()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as PreflightError).message).toBe('The secret secrets.token is not in beacon.conf (token) any more.');
  });

  it('works from an install recorded by the state format of version 1', async () => {
    const world = testWorld();
    writeFileSync(world.dataRoot, 'in the way');
    await applied(world);
    const path = join(world.dir, '.fieldstation', 'state.json');
    const { secretSources, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...rest, version: 1, secrets: secretSources }));
    const { rmSync } = await import('node:fs');
    rmSync(world.dataRoot);
    expect((await resume(world.deps, { dir: world.dir, skipChecks: [] }, recordingHooks())).status).toBe('succeeded');
  });

  it('says what to run in a folder without an install', async () => {
    const world = testWorld();
    const error = await resume(world.deps, { dir: world.dir, skipChecks: [] }, recordingHooks()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).hints).toEqual([`Run \`fieldstation apply --answers FILE --dir ${world.dir}\` first.`]);
  });
});

describe('doctor', () => {
  it('runs the checks the server picked, from an answers file, without reading a secret', async () => {
    const world = testWorld();
    const path = beaconAnswers(world, 'storage:\n  mode: remote\n  url: https://archive.example.org/b\n  key: { env: NOT_SET_AT_ALL }\n');
    const outcome = await doctor(world.deps, { dir: world.dir, answersPath: path, skipChecks: [] });
    expect(outcome.stack.id).toBe('beacon');
    expect(outcome.results.map((r) => [r.name, r.title, r.status])).toEqual([['tool-sh', 'Host tool', 'pass'], ['disk', 'Disk space', 'pass'], ['clock', 'Clock', 'pass'], ['privileges', 'Privileges', 'pass']]);
    expect(world.machine.asked).toEqual(['date -u +%Y']);
  });

  it('works from the answers the last apply recorded, and applies --skip-check', async () => {
    const world = testWorld();
    await applied(world);
    world.machine.commands.set('date -u +%Y', { ok: true, stdout: '1999\n' });
    const outcome = await doctor(world.deps, { dir: world.dir, skipChecks: ['clock'] });
    expect(outcome.source).toBe(join(world.dir, '.fieldstation', 'state.json'));
    // The recorded answers reach the checks: the disk check measures the recorded data folder.
    expect(outcome.results.find((r) => r.name === 'disk')?.detail).toContain(world.dataRoot);
    expect(outcome.results.find((r) => r.name === 'clock')).toMatchObject({ status: 'skipped', detail: 'the clock says 1999: it is not set (failure overridden by --skip-check clock)' });
  });

  it('refuses answers with errors, every one at once', async () => {
    const world = testWorld();
    const path = beaconAnswers(world, 'sensors: many\nstorage:\n  mode: remot\n');
    const error = await doctor(world.deps, { dir: world.dir, answersPath: path, skipChecks: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswersError);
    expect((error as AnswersError).problems.map((p) => p.path)).toEqual(['sensors', 'storage.mode']);
  });
});

describe('validate', () => {
  it('reads every secret reference and gives the warnings', async () => {
    const world = testWorld({ env: { BEACON_ARCHIVE_KEY: 'archive-key-0001' } });
    const path = beaconAnswers(world, 'storage:\n  mode: remote\n  url: https://archive.example.org/b\n  key: { env: BEACON_ARCHIVE_KEY }\nalerts: true\n');
    const valid = await validateAnswers(world.deps, path);
    expect(valid.stack.title).toBe('Beacon');
    expect(valid.warnings).toEqual([]);
    expect(valid.mask('key archive-key-0001')).toBe('key [masked:storage.key]');
    const missing = await validateAnswers(testWorld().deps, path).catch((e: unknown) => e);
    expect((missing as AnswersError).problems).toEqual([expect.objectContaining({ path: 'storage.key', message: 'comes from the environment variable BEACON_ARCHIVE_KEY, which is not set' })]);
  });
});
