import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackEntry } from '../../../src/app/ports.js';
import { createSession, type Session } from '../../../src/app/session.js';
import type { SessionOptions } from '../../../src/app/session.js';
import type { Screen } from '../../../src/core/session/flow.js';
import type { Stack } from '../../../src/core/stack.js';
import { exec } from '../../../src/kit/steps/index.js';
import { beacon, beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { vaultImage } from '../../fixtures/stacks/beacon/vault.js';
import { emptyImage, testWorld, type TestWorld } from '../../helpers/app.js';
import { a, generate, until } from './session-driver.js';

/**
 * The confirmation before a destructive step, through the real session and services: the runner waits on
 * the session's screen, the answer sent as a session input decides. Beacon here gets two destructive
 * steps after its own: one that deletes old readings (a yes or no) and one that "wipes" its vault image
 * (the path typed back). No device guard: it runs wipefs, which the integration tests' Beacon with a vault
 * has (test/integration/cli/wizard-wipe-in-terminal.test.ts drives that one in a terminal).
 */

const withWipes: Stack = {
  ...beacon,
  steps: (input) => [
    ...beacon.steps(input),
    { id: 'purge', title: 'Old readings deleted', run: exec(['sh', '-c', 'printf purged > "$1"', 'sh', join(input.dir, 'purged')]), destructive: true, dependsOn: ['start'] },
    { id: 'vault-format', title: 'Vault disk formatted', run: exec(['sh', '-c', 'printf wiped > "$1"', 'sh', vaultImage(input.dir)]), destructive: true, wipes: { device: vaultImage(input.dir) }, dependsOn: ['purge'] },
  ],
};
const entry: StackEntry = { ...beaconEntry, load: async () => withWipes };

const ZEROS = Buffer.alloc(1024 * 1024);

function setUp(world: TestWorld = testWorld({ stacks: [entry] })) {
  mkdirSync(world.dir, { recursive: true });
  const img = vaultImage(world.dir);
  writeFileSync(img, '');
  truncateSync(img, ZEROS.length);
  /** A session in the world's folder; every screen it showed is recorded. */
  const open = (destructive: SessionOptions['destructive'] = { yesDestructive: false, wipeDevices: [] }) => {
    const session = createSession(world.deps, { dir: world.dir, stackId: 'beacon', skipBootstrap: false, skipChecks: [], destructive });
    const screens: Screen[] = [];
    session.subscribe(() => screens.push(session.state().screen));
    return { session, screens };
  };
  return { world, img, open, wiped: () => !readFileSync(img).equals(ZEROS), purged: () => existsSync(join(world.dir, 'purged')) };
}

/** Every question answered (secrets generated, readings in the world), the plan applied. */
async function apply(session: Session, world: TestWorld): Promise<void> {
  await until(session, (s) => s.screen.kind === 'wizard');
  for (const input of [a('north-ridge'), a('beacon.example.org'), a(world.dataRoot), a(8), a('local'), a(false), generate, generate, { type: 'continue' } as const]) session.send(input);
  await until(session, (s) => s.screen.kind === 'plan');
  session.send({ type: 'apply' });
}

const question = (session: Session, step: string) => until(session, (s) => s.screen.kind === 'confirm-step' && s.screen.question.step.id === step);

describe('the confirmation before a destructive step, in the session', () => {
  it('asks yes or no, then the wiped device\'s path with its identity; a wrong path stops before it, and resume asks again', async () => {
    const t = setUp();
    const first = t.open();
    await apply(first.session, t.world);
    const purge = await question(first.session, 'purge');
    expect(purge.screen).toEqual({ kind: 'confirm-step', question: { kind: 'yes-no', step: { id: 'purge', title: 'Old readings deleted' } } });
    // The runner waits: the steps before it are done, it has not started.
    expect(purge.progress.steps.map((s) => [s.id, s.status])).toEqual([['folders', 'done'], ['marker', 'done'], ['start', 'done'], ['purge', 'pending'], ['vault-format', 'pending']]);
    expect(t.purged()).toBe(false);
    first.session.send({ type: 'step-answer', answer: { kind: 'yes' } });

    const wipe = await question(first.session, 'vault-format');
    // The identity read just before asking, by the app's port (lsblk and wipefs in a real install).
    expect(wipe.screen).toEqual({ kind: 'confirm-step', question: { kind: 'type-device', step: { id: 'vault-format', title: 'Vault disk formatted' }, device: t.img, identity: emptyImage(t.img) } });
    expect(t.purged()).toBe(true);
    first.session.send({ type: 'step-answer', answer: { kind: 'typed', text: `${t.img}x` } });
    const summary = await until(first.session, (s) => s.screen.kind === 'summary');
    expect(summary.screen.kind === 'summary' && summary.screen.outcome.status).toBe('interrupted');
    expect(summary.declined).toEqual(wipe.screen.kind === 'confirm-step' && wipe.screen.question);
    expect(t.wiped()).toBe(false);
    first.session.send({ type: 'summary-shown' });
    expect(await first.session.done).toBe(130);

    // The next start offers to resume; the finished steps (purge too) are not asked again.
    const again = t.open();
    const start = await until(again.session, (s) => s.screen.kind === 'start');
    expect(start.install).toMatchObject({ kind: 'installed', unfinished: { status: 'interrupted' } });
    again.session.send({ type: 'start-choice', choice: 'resume' });
    await question(again.session, 'vault-format');
    again.session.send({ type: 'step-answer', answer: { kind: 'typed', text: ` ${t.img} ` } });
    const done = await until(again.session, (s) => s.screen.kind === 'summary');
    expect(done.screen.kind === 'summary' && done.screen.outcome.status).toBe('succeeded');
    expect(again.screens.filter((s) => s.kind === 'confirm-step')).toHaveLength(1);
    expect(readFileSync(t.img, 'utf8')).toMatch(/^wiped/);
    again.session.send({ type: 'summary-shown' });
    expect(await again.session.done).toBe(0);
  });

  it('shows no screen when the flags consent: --yes-destructive, and --wipe-device naming the device', async () => {
    const t = setUp();
    const { session, screens } = t.open({ yesDestructive: true, wipeDevices: [t.img] });
    await apply(session, t.world);
    const summary = await until(session, (s) => s.screen.kind === 'summary');
    expect(summary.screen.kind === 'summary' && summary.screen.outcome.status).toBe('succeeded');
    expect(screens.some((s) => s.kind === 'confirm-step')).toBe(false);
    expect([t.purged(), t.wiped()]).toEqual([true, true]);
  });

  it('--yes-destructive alone runs the yes-no step unasked, never the wipe: its path is still asked for', async () => {
    const t = setUp();
    const { session, screens } = t.open({ yesDestructive: true, wipeDevices: [] });
    await apply(session, t.world);
    await question(session, 'vault-format');
    expect(screens.filter((s) => s.kind === 'confirm-step')).toHaveLength(1);
    expect(t.purged()).toBe(true);
    // Esc: not run.
    session.send({ type: 'escape' });
    await until(session, (s) => s.screen.kind === 'summary');
    expect(t.wiped()).toBe(false);
  });

  it('says why the device cannot be read; another device named by --wipe-device does not consent to this one', async () => {
    const world = testWorld({ stacks: [entry], identifyDevice: async (path) => Promise.reject(new Error(`${path} does not exist`)) });
    const t = setUp(world);
    const { session } = t.open({ yesDestructive: true, wipeDevices: ['/dev/vdz'] });
    await apply(session, t.world);
    const wipe = await question(session, 'vault-format');
    expect(wipe.screen.kind === 'confirm-step' && wipe.screen.question).toMatchObject({ kind: 'type-device', device: t.img, identity: undefined, unreadable: `${t.img} does not exist` });
    session.send({ type: 'step-answer', answer: { kind: 'no' } });
    await until(session, (s) => s.screen.kind === 'summary');
    expect(t.wiped()).toBe(false);
  });

  it('an interrupt while the question is open (SIGTERM, SIGHUP, the terminal gone) is a no: the run stops before the step', async () => {
    const t = setUp();
    const { session } = t.open();
    await apply(session, t.world);
    await question(session, 'purge');
    session.send({ type: 'interrupt' });
    expect(session.state().screen).toEqual({ kind: 'progress', stopping: true });
    const summary = await until(session, (s) => s.screen.kind === 'summary');
    expect(summary.screen.kind === 'summary' && summary.screen.outcome.status).toBe('interrupted');
    expect(summary.progress.steps.find((s) => s.id === 'purge')?.status).toBe('pending');
    expect([t.purged(), t.wiped()]).toEqual([false, false]);
    session.send({ type: 'summary-shown' });
    expect(await session.done).toBe(130);
  });
});
