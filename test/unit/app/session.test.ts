import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { install } from '../../../src/app/install.js';
import { recordingHooks, testWorld } from '../../helpers/app.js';
import { localTime } from '../../../src/io/local-time.js';

import { a, answerToPlan, applyToEnd, generate, open, reconfigure, typed, until } from './session-driver.js';

describe('the interactive session with the real services', () => {
  it('picks the server, asks, plans, checks, applies and ends with the summary; its answers replay', async () => {
    const world = testWorld();
    const session = open(world);
    expect(session.state().screen.kind).toBe('pick-server');
    session.send({ type: 'pick', id: 'beacon' });
    await until(session, (s) => s.screen.kind === 'wizard');
    for (const input of [a('south-col'), a('south.example.org'), a(world.dataRoot), a(20), a('remote'), a('https://archive.example.org/b'), typed('typed-archive-key-01'), a(false), generate, generate]) session.send(input);
    expect(session.state().wizard?.current).toBeUndefined();
    session.send({ type: 'continue' });
    const planned = await until(session, (s) => s.screen.kind === 'plan');
    if (planned.screen.kind !== 'plan') throw new Error('no plan');
    expect(planned.screen.plan.files.map((f) => [f.path, f.status])).toEqual([['beacon.conf', 'new'], ['.env', 'new']]);
    expect(JSON.stringify(planned.screen.plan)).not.toContain('typed-archive-key-01');
    session.send({ type: 'apply' });
    const summary = await until(session, (s) => s.screen.kind === 'summary');
    if (summary.screen.kind !== 'summary') throw new Error('no summary');
    expect(summary.screen.outcome).toMatchObject({ status: 'succeeded', answersPath: join(world.dir, '.fieldstation', 'answers.yaml') });
    expect(summary.preflight?.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(summary.progress.finished?.status).toBe('succeeded');
    session.send({ type: 'summary-shown' });
    expect(await session.done).toBe(0);

    // The saved answers hold references only; the typed key sits in a private file.
    const saved = readFileSync(join(world.dir, '.fieldstation', 'answers.yaml'), 'utf8');
    expect(saved).not.toContain('typed-archive-key-01');
    expect(parse(saved)).toMatchObject({ stack: 'beacon', storage: { mode: 'remote', key: { file: 'secrets/storage.key' } }, secrets: { token: { generate: true } } });
    expect(statSync(join(world.dir, '.fieldstation', 'secrets', 'storage.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(world.dir, '.fieldstation', 'answers.yaml')).mode & 0o777).toBe(0o600);
    // ...and reached the server's file, read back by dotenv as the server would.
    expect(parseEnv(readFileSync(join(world.dir, '.env'))).ARCHIVE_KEY).toBe('typed-archive-key-01');
    const hooks = recordingHooks();
    const replay = await install(world.deps, { source: { kind: 'file', path: join(world.dir, '.fieldstation', 'answers.yaml') }, dir: world.dir, skipBootstrap: true, skipChecks: [] }, hooks);
    expect(replay.status).toBe('written');
    expect(replay.files?.written).toEqual([]);

    // The next start finds the typed key in the files: kept as it is, its value nowhere in the session's state.
    const again = open(world, 'beacon');
    const start = await until(again, (s) => s.screen.kind === 'start');
    expect(start.install).toMatchObject({ kind: 'installed', secrets: { 'storage.key': { kind: 'keep' }, 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' } } });
    expect(JSON.stringify(start)).not.toContain('typed-archive-key-01');
    again.send({ type: 'start-choice', choice: 'quit' });
    again.send({ type: 'quit' });
    expect(await again.done).toBe(0);
  });

  it('starts from an install: reconfigure opens on the review with every answer and secret', async () => {
    const world = testWorld();
    const first = open(world, 'beacon');
    await answerToPlan(first, world);
    await applyToEnd(first);

    const again = open(world, 'beacon');
    const start = await until(again, (s) => s.screen.kind === 'start');
    expect(start.stack?.about.id).toBe('beacon');
    expect(start.install).toMatchObject({ kind: 'installed', answers: { 'site.name': 'north-ridge', 'storage.mode': 'local' }, secrets: { 'secrets.token': { kind: 'keep' } }, unfinished: undefined });
    again.send({ type: 'start-choice', choice: 'reconfigure' });
    expect(again.state().wizard?.current).toBeUndefined();
    again.send({ type: 'start-choice', choice: 'quit' });
    again.send({ type: 'quit' });
    expect(await again.done).toBe(0);
  });

  it('ends with a refusal when another fieldstation holds the lock, instead of waiting for ever', async () => {
    const world = testWorld();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(world.dir, '.fieldstation'), { recursive: true });
    writeFileSync(join(world.dir, '.fieldstation', 'lock'), JSON.stringify({ pid: process.pid, what: 'apply', at: '2026-11-23T10:00:00Z' }));
    const session = open(world, 'beacon');
    await answerToPlan(session, world);
    session.send({ type: 'apply' });
    const summary = await until(session, (s) => s.screen.kind === 'summary');
    expect(summary.screen.kind === 'summary' && summary.screen.outcome).toMatchObject({ status: 'refused', message: `another fieldstation (pid ${process.pid}, apply, since ${localTime('2026-11-23T10:00:00Z')}) is working in ${world.dir}.` });
    session.send({ type: 'summary-shown' });
    expect(await session.done).toBe(3);
  });

  it('brings the services\' problems back to the review instead of a plan', async () => {
    const world = testWorld();
    const first = open(world, 'beacon');
    await answerToPlan(first, world);
    // Back from the plan: the review again, nothing written.
    first.send({ type: 'back' });
    expect(first.state().screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    first.send({ type: 'continue' });
    await until(first, (s) => s.screen.kind === 'plan');
    await applyToEnd(first);

    // A typed vault key would replace the pinned one in use: the service refuses, the review shows why.
    const again = await reconfigure(world);
    again.send({ type: 'wizard', event: { type: 'edit', id: 'secrets.vault_key' } });
    again.send(typed('a-vault-key-typed-now-0000000000000000'));
    again.send({ type: 'continue' });
    const review = await until(again, (s) => s.screen.kind === 'wizard' && !s.screen.checking && s.screen.problems.length > 0);
    expect(review.screen.kind === 'wizard' && review.screen.problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['secrets.vault_key']);
    again.send({ type: 'interrupt' });
    expect(await again.done).toBe(130);
  });
});
