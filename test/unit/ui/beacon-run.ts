import type { CheckResult } from '../../../src/core/checks/check.js';
import { describeStep } from '../../../src/core/plan/describe.js';
import type { PlanView } from '../../../src/core/plan/view.js';
import type { AnswerValue } from '../../../src/core/questions/types.js';
import type { RunEvent } from '../../../src/core/run/events.js';
import type { StepQuestion } from '../../../src/core/session/flow.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { FilesWritten, RunOutcome } from '../../../src/core/session/outcome.js';
import { aboutOf, filePath, type Stack } from '../../../src/core/stack.js';
import { stepKinds } from '../../../src/core/steps/kind.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, TIDEGAUGE } from '../core/beacon.js';

/** Beacon as the frontends' tests see it: its plan for some answers, its steps, checks and outcomes. */

export { DIR, TIDEGAUGE };
export const LOG = `${DIR}/.fieldstation/logs/2026-11-23T10-00-00.log`;
export const ANSWERS = `${DIR}/.fieldstation/answers.yaml`;
export const RESUME = `fieldstation resume --dir ${DIR}`;


type Status = PlanView['files'][number]['status'];

/** Fixed diffs, as the plan would show them (secrets masked): beacon.conf is long enough to scroll. */
function diffFor(path: string, status: Status, answers: Readonly<Record<string, AnswerValue>>): string {
  if (status === 'unchanged') return '';
  const domain = String(answers['site.domain']);
  if (path === 'beacon.conf') {
    return [
      '--- beacon.conf',
      '+++ beacon.conf',
      '@@ -0,0 +1,24 @@',
      '+# Beacon settings, written by fieldstation.',
      `+site = "${String(answers['site.name'])}"`,
      `+domain = "${domain}"`,
      '+token = [masked:secrets.token]',
      ...Array.from({ length: 20 }, (_, i) => `+sensor_${String(i + 1).padStart(2, '0')} = "slot ${i + 1}"`),
    ].join('\n') + '\n';
  }
  return `@@ -1,3 +1,3 @@\n-DOMAIN='old.example.org'\n+DOMAIN='${domain}'\n DATA_ROOT='${String(answers['data_root'])}'\n VAULT_KEY=[masked:secrets.vault_key]\n`;
}

/**
 * The plan the real stack gives for these answers (flat, as the wizard holds them): its files (the first
 * new, the second changed, unless `statuses` says otherwise), its steps as the plan prints them, its notes
 * and its warnings. Diffs are fixed text; secrets are stand-ins that print masked.
 */
export function planFor(stack: Stack, flat: Readonly<Record<string, unknown>>, dir = DIR, statuses: readonly Status[] = ['new', 'changed']): PlanView {
  const answers: Record<string, AnswerValue> = {};
  const secrets: Record<string, Secret> = {};
  for (const q of stack.questions) {
    const v = flat[q.id];
    if (v === undefined) continue;
    if (q.kind === 'secret') secrets[q.id] = new Secret(q.id, `stand-in-for-${q.id}-0123456789`);
    else answers[q.id] = v as AnswerValue;
  }
  const input = { answers, secrets, previous: {}, dir };
  const kinds = stepKinds(stack.stepKinds);
  return {
    stack: stack.id,
    dir,
    files: stack.files.map((f, i) => {
      const path = filePath(f, answers);
      const status = statuses[i] ?? 'new';
      return { path, description: f.description, status, secret: f.secret, mode: f.secret ? 0o600 : 0o644, diff: diffFor(path, status, answers) };
    }),
    blocked: [],
    steps: stack.steps(input).map((s, i) => ({ id: s.id, title: s.title, lines: describeStep(s, i, kinds) })),
    notes: stack.notes?.(input) ?? [],
    warnings: (stack.crossCheck?.(answers) ?? []).filter((p) => p.severity === 'warning'),
    generated: Object.entries(flat).filter(([, v]) => typeof v === 'object' && v !== null && 'generate' in v).map(([id]) => id),
  };
}

/** Beacon's steps (id and title) for these answers; `tokenChanged`: a run that replaces the upload token (all four). */
export function beaconSteps(flat: Readonly<Record<string, unknown>>, options: { tokenChanged?: boolean } = {}): { id: string; title: string }[] {
  const answers = Object.fromEntries(Object.entries(flat).filter(([, v]) => typeof v !== 'object')) as Record<string, AnswerValue>;
  const secrets = { 'secrets.token': new Secret('secrets.token', 'new-token-0123456789') };
  const previous: Record<string, Secret> = options.tokenChanged ? { 'secrets.token': new Secret('secrets.token', 'old-token-0123456789') } : {};
  return beacon.steps({ answers, secrets, previous, dir: DIR }).map((s) => ({ id: s.id, title: s.title }));
}

/** What writing Beacon's files reports (paths relative to DIR, as the service gives them). */
export const filesWritten = (dir = DIR): FilesWritten => ({ written: ['beacon.conf', '.env'], unchanged: [], statePath: `${dir}/.fieldstation/state.json`, removedTemporaries: [] });

/** An outcome of a Beacon run in DIR (with its log when the bootstrap ran); the rest as the test says. */
export const outcome = (o: Partial<RunOutcome> & Pick<RunOutcome, 'status'>): RunOutcome => ({
  stack: aboutOf(beacon),
  dir: DIR,
  ...(['succeeded', 'failed', 'interrupted'].includes(o.status) ? { logPath: LOG } : {}),
  checks: [],
  notes: [],
  resumeCommand: RESUME,
  ...o,
});

/** Beacon's four preflight checks, all passed. */
export const CHECKS_PASSED: readonly CheckResult[] = [
  { name: 'tool-sh', title: 'Host tool', status: 'pass', detail: 'sh is /usr/bin/sh' },
  { name: 'disk', title: 'Disk space', status: 'pass', detail: '/srv/beacon: 8 MiB needed, 40 GiB free' },
  { name: 'clock', title: 'Clock', status: 'pass', detail: 'the clock says 2026' },
  { name: 'privileges', title: 'Privileges', status: 'pass', detail: 'can write or create all 3 folders the steps use' },
];

/** The same, with the clock warning and not set: the checks refuse the run. */
export const CHECKS_REFUSED: readonly CheckResult[] = [
  CHECKS_PASSED[0]!,
  { name: 'disk', title: 'Disk space', status: 'warn', detail: '/srv/beacon: 8 MiB needed, 9 MiB free', fix: 'Less than 20% to spare on the file system of /srv: free some space (`df -h /srv`) or plan a larger disk before it fills.' },
  { name: 'clock', title: 'Clock', status: 'fail', detail: 'the clock says 1970: it is not set', fix: 'Set it: `sudo timedatectl set-ntp true`.', ifSkipped: 'every reading is stamped with the wrong time, and the sensors\' uploads are refused as too old.' },
  CHECKS_PASSED[3]!,
];

const AT = '2026-11-24T10:00:00.000Z';

/** A whole successful run of Beacon's three steps, as the runner reports it. */
export const STEPS_OK: readonly RunEvent[] = [
  { type: 'run-started', at: AT, runId: 'r1', stack: 'beacon', dir: DIR, logPath: LOG, resumed: false, steps: [{ id: 'folders', title: 'Readings folder made', status: 'pending' }, { id: 'marker', title: 'Uploader marker written', status: 'pending' }, { id: 'start', title: 'Logger started', status: 'pending' }] },
  { type: 'step-started', at: AT, id: 'folders', title: 'Readings folder made', attempt: 1, attempts: 1 },
  { type: 'step-succeeded', at: AT, id: 'folders', title: 'Readings folder made', seconds: 0.1 },
  { type: 'step-started', at: AT, id: 'marker', title: 'Uploader marker written', attempt: 1, attempts: 1 },
  { type: 'step-output', at: AT, id: 'marker', stream: 'info', line: '/srv/beacon/.beacon-ready written' },
  { type: 'step-succeeded', at: AT, id: 'marker', title: 'Uploader marker written', seconds: 0.1, detail: 'marker /srv/beacon/.beacon-ready' },
  { type: 'step-started', at: AT, id: 'start', title: 'Logger started', attempt: 1, attempts: 1 },
  { type: 'step-output', at: AT, id: 'start', stream: 'stdout', line: 'beacon started for north-ridge' },
  { type: 'step-succeeded', at: AT, id: 'start', title: 'Logger started', seconds: 2.5 },
  { type: 'run-finished', at: AT, status: 'succeeded', seconds: 2.7, logPath: LOG },
];

/** How that run ends: notes and a health gate for the summary. */
export const OUTCOME_OK: RunOutcome = outcome({
  status: 'succeeded',
  answersPath: ANSWERS,
  files: filesWritten(),
  checks: ['the logger answers at https://beacon.example.org/health'],
  notes: ['Sensors upload to https://beacon.example.org/upload.'],
});

/** Before Beacon-with-a-vault's wiping step: its disk as lsblk and wipefs read it, an old ext4 on it. */
export const WIPE_QUESTION: StepQuestion = {
  kind: 'type-device',
  step: { id: 'vault-format', title: 'Vault disk formatted' },
  device: '/dev/vdb',
  identity: { path: '/dev/vdb', sizeBytes: 10 * 1024 ** 3, model: 'QEMU HARDDISK', serial: 'vault-1', type: 'disk', partitions: [], signatures: [{ type: 'ext4', offset: '0x438' }], mounts: [], holders: [] },
};

/** Before a destructive step that wipes no device. */
export const PURGE_QUESTION: StepQuestion = { kind: 'yes-no', step: { id: 'purge', title: 'Old readings deleted' } };

/** The vault's two steps after Beacon's three, as the runner starts them (the ones before done). */
export const VAULT_STARTED: RunEvent = {
  type: 'run-started', at: AT, runId: 'r1', stack: 'beacon', dir: DIR, logPath: LOG, resumed: false,
  steps: [
    { id: 'folders', title: 'Readings folder made', status: 'done' },
    { id: 'marker', title: 'Uploader marker written', status: 'done' },
    { id: 'start', title: 'Logger started', status: 'done' },
    { id: 'vault-guard', title: 'Vault disk checked', status: 'done' },
    { id: 'vault-format', title: 'Vault disk formatted', status: 'pending' },
  ],
};
