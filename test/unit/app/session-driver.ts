import type { StackEntry } from '../../../src/app/ports.js';
import { createSession, type Session } from '../../../src/app/session.js';
import type { SessionState } from '../../../src/core/session/flow.js';
import type { WizardEvent } from '../../../src/core/wizard/machine.js';
import { beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import type { TestWorld } from '../../helpers/app.js';
import { TIDEGAUGE } from '../core/beacon.js';

/** The real session (createSession, the real services) on a test world, driven as a frontend would. */

/** A second server, so that the session starts with the picker (it is never loaded here). */
const other: StackEntry = {
  about: TIDEGAUGE,
  load: () => Promise.reject(new Error('not loaded in these tests')),
};

export const open = (world: TestWorld, stackId?: string) =>
  createSession({ ...world.deps, stacks: [beaconEntry, other] }, { dir: world.dir, stackId, skipBootstrap: false, skipChecks: [], destructive: { yesDestructive: false, wipeDevices: [] } });

/** Resolves once the session's state satisfies `ready`. */
export function until(session: Session, ready: (s: SessionState) => boolean): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!ready(session.state())) return false;
      off();
      resolve(session.state());
      return true;
    };
    const off = session.subscribe(() => void check());
    session.done.then(() => check() || reject(new Error(`the session ended on ${session.state().screen.kind}`)), reject);
    check();
  });
}

export const a = (value: string | number | boolean): { type: 'wizard'; event: WizardEvent } => ({ type: 'wizard', event: { type: 'answer', value } });
export const generate = { type: 'wizard', event: { type: 'secret', choice: { kind: 'generate' } } } as const;
/** Answers every Beacon question (generating both secrets), continues from the review and waits for the plan. */
export async function answerToPlan(session: Session, world: TestWorld): Promise<void> {
  await until(session, (s) => s.screen.kind === 'wizard');
  for (const input of [a('north-ridge'), a('beacon.example.org'), a(world.dataRoot), a(8), a('local'), a(false), generate, generate, { type: 'continue' } as const]) session.send(input);
  await until(session, (s) => s.screen.kind === 'plan');
}
export const typed = (value: string) => ({ type: 'wizard', event: { type: 'secret', choice: { kind: 'value', value } } }) as const;


/** From the plan: apply, then past the summary to the session's end (an install done, its folder written). */
export async function applyToEnd(session: Session): Promise<void> {
  session.send({ type: 'apply' });
  await until(session, (s) => s.screen.kind === 'summary');
  session.send({ type: 'summary-shown' });
  await session.done;
}

/** A second start in the folder of a finished install, reconfigure chosen on its start screen. */
export async function reconfigure(world: TestWorld): Promise<Session> {
  const again = open(world, 'beacon');
  await until(again, (s) => s.screen.kind === 'start');
  again.send({ type: 'start-choice', choice: 'reconfigure' });
  return again;
}
