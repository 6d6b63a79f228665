import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { install } from '../../../src/app/install.js';
import { resume } from '../../../src/app/resume.js';
import type { Session } from '../../../src/app/session.js';
import { recordingHooks, testWorld, type TestWorld } from '../../helpers/app.js';
import { a, answerToPlan, applyToEnd, generate, open, reconfigure, typed, until } from './session-driver.js';

/**
 * The session with the real services when things go wrong: a machine check fails (Beacon's clock, set by
 * the test), the session is interrupted with answers given, an install is reconfigured. Nothing given is
 * lost, and what the wizard promises to run later does run.
 */

const clock = (world: TestWorld, year: string) => world.machine.commands.set('date -u +%Y', { ok: true, stdout: `${year}\n` });
const fieldstation = (world: TestWorld) => join(world.dir, '.fieldstation');
/** The remote archive, with its key typed: the answers that must not be lost. */
const REMOTE = (world: TestWorld) => [a('south-col'), a('south.example.org'), a(world.dataRoot), a(20), a('remote'), a('https://archive.example.org/b'), typed('typed-archive-key-01'), a(false), generate, generate];

async function toFailedChecks(world: TestWorld, session: Session = open(world, 'beacon')): Promise<Session> {
  clock(world, '1970');
  await until(session, (s) => s.screen.kind === 'wizard');
  for (const input of REMOTE(world)) session.send(input);
  session.send({ type: 'continue' });
  await until(session, (s) => s.screen.kind === 'plan');
  session.send({ type: 'apply' });
  await until(session, (s) => s.screen.kind === 'checks-failed');
  return session;
}

describe('a machine check that fails in the wizard', () => {
  it('is a screen with every check and its fix; back to the review keeps every answer and writes nothing', async () => {
    const world = testWorld();
    const session = await toFailedChecks(world);
    const s = session.state();
    expect(s.screen.kind === 'checks-failed' && s.screen.results.map((r) => [r.name, r.status])).toEqual([['tool-sh', 'pass'], ['disk', 'pass'], ['clock', 'fail'], ['privileges', 'pass']]);
    expect(s.screen.kind === 'checks-failed' && s.screen.results[2]).toMatchObject({ fix: 'Set it: `sudo timedatectl set-ntp true`.', ifSkipped: expect.stringContaining('wrong time') });
    session.send({ type: 'checks-choice', choice: { kind: 'back' } });
    const review = await until(session, (x) => x.screen.kind === 'wizard');
    expect(review.wizard?.secrets['storage.key']).toEqual({ kind: 'value', value: 'typed-archive-key-01' });
    expect(review.wizard?.answers['site.name']).toBe('south-col');
    expect(existsSync(join(world.dir, '.env'))).toBe(false);
    // And on again: once the clock is set, a new check passes and the run goes on.
    session.send({ type: 'continue' });
    await until(session, (x) => x.screen.kind === 'plan');
    session.send({ type: 'apply' });
    await until(session, (x) => x.screen.kind === 'checks-failed');
    clock(world, '2026');
    session.send({ type: 'checks-choice', choice: { kind: 'again' } });
    const summary = await until(session, (x) => x.screen.kind === 'summary');
    expect(summary.screen.kind === 'summary' && summary.screen.outcome.status).toBe('succeeded');
    session.send({ type: 'summary-shown' });
    expect(await session.done).toBe(0);
  });

  it('can be skipped: marked as skipped by the person, and the run goes on', async () => {
    const world = testWorld();
    const session = await toFailedChecks(world);
    session.send({ type: 'checks-choice', choice: { kind: 'skip', name: 'clock' } });
    const summary = await until(session, (x) => x.screen.kind === 'summary');
    expect(summary.preflight?.find((r) => r.name === 'clock')).toMatchObject({ status: 'skipped', detail: 'the clock says 1970: it is not set (skipped: you chose to go on without it)' });
    expect(summary.screen.kind === 'summary' && summary.screen.outcome.status).toBe('succeeded');
  });

  it('offers the files only: answers.yaml with the typed key as a 0600 file, and the command it names runs the bootstrap (so does resume)', async () => {
    const world = testWorld();
    const session = await toFailedChecks(world);
    session.send({ type: 'checks-choice', choice: { kind: 'files-only' } });
    const summary = await until(session, (x) => x.screen.kind === 'summary');
    const saved = join(fieldstation(world), 'answers.yaml');
    const command = `fieldstation apply --answers ${saved} --dir ${world.dir}`;
    expect(summary.screen.kind === 'summary' && summary.screen.outcome).toMatchObject({ status: 'written', answersPath: saved, hints: expect.arrayContaining([command, `or: fieldstation resume --dir ${world.dir} (or \`fieldstation setup --dir ${world.dir}\`, which offers it).`]) });
    expect(summary.progress.started).toBe(false);
    session.send({ type: 'summary-shown' });
    expect(await session.done).toBe(0);
    expect(parseEnv(readFileSync(join(world.dir, '.env'))).ARCHIVE_KEY).toBe('typed-archive-key-01');
    const text = readFileSync(saved, 'utf8');
    expect(text).not.toContain('typed-archive-key-01');
    expect(parse(text)).toMatchObject({ storage: { key: { file: 'secrets/storage.key' } } });
    expect(statSync(join(fieldstation(world), 'secrets', 'storage.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(fieldstation(world), 'journal.json'))).toBe(false);

    // The machine fixed: `fieldstation resume` runs the whole bootstrap (none ran), and so does the command named.
    clock(world, '2026');
    const resumed = await resume(world.deps, { dir: world.dir, skipChecks: [] }, recordingHooks());
    expect(resumed.status).toBe('succeeded');
    const replay = await install(world.deps, { source: { kind: 'file', path: saved }, dir: world.dir, skipBootstrap: false, skipChecks: [] }, recordingHooks());
    expect([replay.status, replay.files?.written]).toEqual(['succeeded', []]);
  });

  it('left unanswered (a dropped session) keeps the answers as a draft', async () => {
    const world = testWorld();
    const session = await toFailedChecks(world);
    session.send({ type: 'interrupt' });
    expect(await session.done).toBe(130);
    expect(session.state().draft).toMatchObject({ path: join(fieldstation(world), 'draft.yaml'), secretFiles: ['storage.key'] });
    expect(readdirSync(world.dir)).toEqual(['.fieldstation']);
  });
});

describe('answers given before the session ends', () => {
  it('are saved as a draft, typed secrets only as 0600 files; the next start continues it, and applying removes it', async () => {
    const world = testWorld();
    const session = open(world, 'beacon');
    await until(session, (s) => s.screen.kind === 'wizard');
    // Up to the alerts question, the archive key typed.
    for (const input of REMOTE(world).slice(0, 7)) session.send(input);
    session.send({ type: 'interrupt' });
    expect(await session.done).toBe(130);
    const draft = join(fieldstation(world), 'draft.yaml');
    expect(session.state().draft).toEqual({ path: draft, answers: 6, secretFiles: ['storage.key'], secretsDir: join(fieldstation(world), 'draft-secrets') });
    const text = readFileSync(draft, 'utf8');
    expect(text).not.toContain('typed-archive-key-01');
    expect(parse(text)).toMatchObject({ version: 1, stack: 'beacon', site: { name: 'south-col' }, storage: { mode: 'remote', key: { file: 'draft-secrets/storage.key' } } });
    expect(statSync(draft).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(fieldstation(world), 'draft-secrets', 'storage.key'), 'utf8')).toBe('typed-archive-key-01\n');
    expect(statSync(join(fieldstation(world), 'draft-secrets', 'storage.key')).mode & 0o777).toBe(0o600);

    const again = open(world, 'beacon');
    const start = await until(again, (s) => s.screen.kind === 'start');
    expect(start.install).toMatchObject({ kind: 'fresh', draft: { answers: { 'site.name': 'south-col', 'storage.mode': 'remote' }, secrets: { 'storage.key': { kind: 'value', value: 'typed-archive-key-01' } }, lost: [] } });
    again.send({ type: 'start-choice', choice: 'continue-draft' });
    expect(again.state().wizard?.current).toBe('alerts');
    for (const input of [a(false), generate, generate, { type: 'continue' } as const]) again.send(input);
    await until(again, (s) => s.screen.kind === 'plan');
    again.send({ type: 'apply' });
    await until(again, (s) => s.screen.kind === 'summary');
    expect(parseEnv(readFileSync(join(world.dir, '.env'))).ARCHIVE_KEY).toBe('typed-archive-key-01');
    expect(existsSync(draft)).toBe(false);
    expect(existsSync(join(fieldstation(world), 'draft-secrets'))).toBe(false);
  });

  it('can be discarded at the next start: the draft and its secrets are deleted', async () => {
    const world = testWorld();
    const session = open(world, 'beacon');
    await until(session, (s) => s.screen.kind === 'wizard');
    for (const input of REMOTE(world).slice(0, 7)) session.send(input);
    session.send({ type: 'quit' });
    expect(await session.done).toBe(0);
    const again = open(world, 'beacon');
    await until(again, (s) => s.screen.kind === 'start');
    again.send({ type: 'start-choice', choice: 'discard-draft' });
    await until(again, (s) => s.wizard?.current === 'site.name');
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(fieldstation(world))).toEqual([]);
  });
});

describe('a reconfigure', () => {
  it('keeps a typed secret without ever holding it: only the changed answer is planned, the key stays in the files', async () => {
    const world = testWorld();
    const first = open(world, 'beacon');
    await until(first, (s) => s.screen.kind === 'wizard');
    for (const input of [...REMOTE(world), { type: 'continue' } as const]) first.send(input);
    await until(first, (s) => s.screen.kind === 'plan');
    await applyToEnd(first);

    const again = await reconfigure(world);
    expect(again.state().wizard?.current).toBeUndefined();
    expect(JSON.stringify(again.state())).not.toContain('typed-archive-key-01');
    again.send({ type: 'wizard', event: { type: 'edit', id: 'site.domain' } });
    again.send(a('north.example.org'));
    expect(again.state().wizard?.current).toBeUndefined();
    again.send({ type: 'continue' });
    const plan = await until(again, (s) => s.screen.kind === 'plan');
    expect(plan.screen.kind === 'plan' && plan.screen.plan.files.map((f) => [f.path, f.status])).toEqual([['beacon.conf', 'changed'], ['.env', 'changed']]);
    // The .env's diff is the domain's line alone: the kept key and vault key are as they were.
    expect(plan.screen.kind === 'plan' && plan.screen.plan.files[1]!.diff.split('\n').filter((l) => /^[-+][A-Z]/.test(l))).toEqual(["-DOMAIN='south.example.org'", "+DOMAIN='north.example.org'"]);
    again.send({ type: 'apply' });
    await until(again, (s) => s.screen.kind === 'summary');
    expect(parseEnv(readFileSync(join(world.dir, '.env'))).ARCHIVE_KEY).toBe('typed-archive-key-01');
  });

  it('tells a failed bootstrap from an interrupted one, and one that never ran', async () => {
    const world = testWorld();
    const first = open(world, 'beacon');
    await answerToPlan(first, world);
    first.send({ type: 'apply' });
    await until(first, (s) => s.screen.kind === 'summary');
    const journal = JSON.parse(readFileSync(join(fieldstation(world), 'journal.json'), 'utf8')) as Record<string, unknown>;
    const { writeFileSync, rmSync } = await import('node:fs');
    const cases: [Record<string, unknown> | undefined, unknown][] = [
      [{ ...journal, status: 'failed', steps: { folders: { status: 'done', at: 'x' }, marker: { status: 'failed', at: 'x', note: 'exit code 1' } } }, { status: 'failed', step: 'marker', error: 'exit code 1' }],
      [{ ...journal, status: 'interrupted', steps: { folders: { status: 'interrupted', at: 'x' } } }, { status: 'interrupted', step: 'folders' }],
      [{ ...journal, status: 'running', steps: { folders: { status: 'done', at: 'x' } } }, { status: 'interrupted' }],
      [undefined, { status: 'not-run' }],
    ];
    for (const [written, unfinished] of cases) {
      if (written) writeFileSync(join(fieldstation(world), 'journal.json'), JSON.stringify(written));
      else rmSync(join(fieldstation(world), 'journal.json'));
      const start = await until(open(world, 'beacon'), (s) => s.screen.kind === 'start');
      expect(start.install?.kind === 'installed' && start.install.unfinished).toMatchObject(unfinished as object);
    }
  });
});
