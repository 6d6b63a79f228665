import type { PlanView } from '../../../src/core/plan/view.js';
import type { RunEvent } from '../../../src/core/run/events.js';
import { advance, startSession, type Effect, type InstallStatus, type SessionInput, type SessionStack, type SessionState, type StepQuestion } from '../../../src/core/session/flow.js';
import type { DraftFound, DraftSaved } from '../../../src/core/session/draft.js';
import type { CheckResult } from '../../../src/core/checks/check.js';
import type { RunOutcome } from '../../../src/core/session/outcome.js';
import { aboutOf } from '../../../src/core/stack.js';
import type { WizardEvent } from '../../../src/core/wizard/machine.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, LOCAL_ANSWERS, TIDEGAUGE } from './beacon.js';

/** The session flow's states for the tests, each reached by driving the flow itself from its start. */

export { DIR } from './beacon.js';
export const BEACON = aboutOf(beacon);
/** A second server, so that the session starts with the picker. */
export const OTHER = TIDEGAUGE;
export const STACK: SessionStack = { about: BEACON, questions: beacon.questions };

export const FRESH: InstallStatus = { kind: 'fresh' };
export const ANSWERS = LOCAL_ANSWERS;
export const INSTALLED: InstallStatus = {
  kind: 'installed',
  answers: ANSWERS,
  secrets: { 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' } },
  unfinished: { status: 'failed', step: 'start', error: 'exit code 1', updatedAt: '2026-11-23T10:00:05Z' },
};

/** Unfinished answers found in a fresh folder: the site's name and domain, a typed archive key, remote storage. */
export const DRAFT: DraftFound = {
  savedAt: '2026-11-23T09:00:00.000Z',
  answers: { 'site.name': 'south-col', 'site.domain': 'south.example.org', data_root: '/srv/south', sensors: 20, 'storage.mode': 'remote' },
  secrets: { 'storage.key': { kind: 'value', value: 'typed-archive-key-01' } },
  lost: [],
};
export const FRESH_WITH_DRAFT: InstallStatus = { kind: 'fresh', draft: DRAFT };

/** What saving a draft answers when it worked. */
export const SAVED: DraftSaved = { path: `${DIR}/.fieldstation/draft.yaml`, answers: 6, secretFiles: [], secretsDir: `${DIR}/.fieldstation/draft-secrets` };

export const wizard = (event: WizardEvent): SessionInput => ({ type: 'wizard', event });
export const answer = (value: string | number | boolean): SessionInput => wizard({ type: 'answer', value });
export const generate: SessionInput = wizard({ type: 'secret', choice: { kind: 'generate' } });
/** A fresh folder's questions to the review, a local archive. */
export const TO_REVIEW: SessionInput[] = [answer('north-ridge'), answer('beacon.example.org'), answer('/srv/beacon'), answer(8), answer('local'), answer(false), generate, generate];

export const PLAN: PlanView = {
  stack: 'beacon',
  dir: DIR,
  files: [{ path: 'beacon.conf', description: 'the logger\'s settings and upload token', status: 'new', secret: true, mode: 0o600, diff: '+token = [masked:secrets.token]' }],
  blocked: [],
  steps: [{ id: 'folders', title: 'Readings folder made', lines: ['1. folders: Readings folder made'] }],
  notes: ['Sensors upload to https://beacon.example.org/upload.'],
  warnings: [],
  generated: ['secrets.token', 'secrets.vault_key'],
};

export const outcome = (status: RunOutcome['status']): RunOutcome => ({ status, stack: BEACON, dir: DIR, checks: [], notes: [], resumeCommand: `fieldstation resume --dir ${DIR}` });

export const STARTED: RunEvent = {
  type: 'run-started', at: '2026-11-23T10:00:00Z', runId: 'r1', stack: 'beacon', dir: DIR, logPath: `${DIR}/.fieldstation/logs/r1.log`, resumed: false,
  steps: [{ id: 'folders', title: 'Readings folder made', status: 'pending' }, { id: 'marker', title: 'Uploader marker written', status: 'pending' }],
};

/** Before a step that wipes a device: its identity as read just now (an image file in the install folder). */
export const WIPE_QUESTION: StepQuestion = {
  kind: 'type-device',
  step: { id: 'vault-format', title: 'Vault disk formatted' },
  device: `${DIR}/vault.img`,
  identity: { path: `${DIR}/vault.img`, sizeBytes: 1024 * 1024, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: [], mounts: [], holders: [] },
};

/** Before a destructive step that wipes no device: a yes or no. */
export const YES_NO_QUESTION: StepQuestion = { kind: 'yes-no', step: { id: 'purge', title: 'Old readings deleted' } };

/** Feeds the inputs one after the other: the last state and every effect asked for on the way. */
export function drive(first: { state: SessionState; effects: readonly Effect[] }, inputs: readonly SessionInput[]): { state: SessionState; effects: Effect[] } {
  let state = first.state;
  const effects: Effect[] = [...first.effects];
  for (const input of inputs) {
    const step = advance(state, input);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

/** The way to each screen, from the start with two servers and no --stack. */
const WAYS: Readonly<Record<string, readonly SessionInput[]>> = {
  'pick-server': [],
  loading: [{ type: 'pick', id: 'beacon' }],
  start: [{ type: 'pick', id: 'beacon' }, { type: 'loaded', stack: STACK, install: INSTALLED }],
  question: [{ type: 'pick', id: 'beacon' }, { type: 'loaded', stack: STACK, install: FRESH }],
  review: [{ type: 'pick', id: 'beacon' }, { type: 'loaded', stack: STACK, install: FRESH }, ...TO_REVIEW],
};
const CHECKING = [...WAYS['review']!, { type: 'continue' } as const];
const PLANNED = [...CHECKING, { type: 'planned', plan: PLAN } as const];
const PREFLIGHT = [...PLANNED, { type: 'apply' } as const];
const PROGRESS = [...PREFLIGHT, { type: 'files-written' } as const];
const SUMMARY = [...PROGRESS, { type: 'finished', outcome: outcome('succeeded') } as const];

/** The clock check failed (the others passed), as the install service reports it before asking. */
export const FAILED_CHECKS: CheckResult[] = [
  { name: 'tool-sh', title: 'Host tool', status: 'pass', detail: 'sh is /usr/bin/sh' },
  { name: 'clock', title: 'Clock', status: 'fail', detail: 'the clock says 1970: it is not set', fix: 'Set it: `sudo timedatectl set-ntp true`.', ifSkipped: 'readings get 1970 timestamps.' },
];
const CHECKS_FAILED = [...PREFLIGHT, { type: 'preflight', results: FAILED_CHECKS } as const, { type: 'checks-failed', results: FAILED_CHECKS } as const];
const ALL_WAYS: Readonly<Record<string, readonly SessionInput[]>> = {
  ...WAYS,
  checking: CHECKING,
  plan: PLANNED,
  preflight: PREFLIGHT,
  progress: PROGRESS,
  stopping: [...PROGRESS, { type: 'interrupt' }],
  'checks-failed': CHECKS_FAILED,
  'confirm-step': [...PROGRESS, { type: 'step-question', question: WIPE_QUESTION }],
  summary: SUMMARY,
  done: [...SUMMARY, { type: 'summary-shown' }],
  saving: [...WAYS['review']!, { type: 'quit' }],
};
/** Every screen the tests start from, in the order of a session. */
export const PLACES = Object.keys(ALL_WAYS);

/** The state on the named screen. */
export function at(place: string): SessionState {
  const way = ALL_WAYS[place];
  if (!way) throw new Error(`no way to ${place}`);
  return drive(startSession(DIR, [BEACON, OTHER], undefined), way).state;
}
