import type { RunEvent } from '../../src/core/run/events.js';
import type { Answers, AnswerValue } from '../../src/core/questions/types.js';
import { Secret } from '../../src/core/secrets/secret.js';
import { filePath, type Stack } from '../../src/core/stack.js';
import { stickypi } from '../../src/stacks/stickypi/index.js';
import type { ApplyOutcome, BlockDevice, InstallStatus, PlanPreview, PreviewResult, WizardPorts } from '../../src/ui/ports.js';

/**
In-memory WizardPorts for the Ink tests: the real Sticky Pi catalogue, a plan made from the real stack
(its files, steps, notes and warnings for the answers given; diffs are fixed text), and apply/resume
runs that the test drives event by event.
*/

export const DIR = '/srv/sticky-pi-api/server';
export const LOG = `${DIR}/.fieldstation/logs/2026-11-23T10-00-00.log`;
export const ANSWERS = `${DIR}/.fieldstation/answers.yaml`;
export const RESUME = `fieldstation resume --dir ${DIR}`;

/** A run in progress: the test emits the runner's events, then ends it. */
export interface ScriptedRun {
  readonly kind: 'apply' | 'resume';
  readonly data: Record<string, unknown> | undefined;
  readonly signal: AbortSignal;
  emit(...events: RunEvent[]): void;
  finish(outcome: ApplyOutcome): void;
}

export interface FakePorts extends WizardPorts {
  readonly previews: Record<string, unknown>[];
  readonly runs: ScriptedRun[];
  deviceLookups: number;
}

/** Dotted answers from an answers-file mapping (what preview and apply receive). */
export function flatten(data: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const id = prefix + key;
    if (value !== null && typeof value === 'object' && !('generate' in value)) Object.assign(out, flatten(value as Record<string, unknown>, `${id}.`));
    else out[id] = value;
  }
  return out;
}

const envDiff = (answers: Answers) =>
  [
    '--- .env',
    '+++ .env',
    '@@ -0,0 +1,24 @@',
    `+DOMAIN='${String(answers['domain'])}'`,
    `+LOCAL_VOLUME_ROOT='${String(answers['volume_root'])}'`,
    `+S3_BUCKET_NAME='${String(answers['s3.bucket'])}'`,
    ...Array.from({ length: 21 }, (_, i) => `+SETTING_${String(i + 1).padStart(2, '0')}='value ${i + 1}'`),
  ].join('\n') + '\n';

/** The plan the real stack gives for these answers, with fixed diffs. */
export function planFor(stack: Stack, data: Record<string, unknown>): PlanPreview {
  const flat = flatten(data);
  const answers: Record<string, AnswerValue> = {};
  const secrets: Record<string, Secret> = {};
  for (const q of stack.questions) {
    const v = flat[q.id];
    if (q.kind === 'secret') secrets[q.id] = new Secret(q.id, 'x'.repeat(40));
    else if (v !== undefined) answers[q.id] = v as AnswerValue;
  }
  const input = { answers, secrets, dir: DIR };
  return {
    files: stack.files.map((f, i) => ({
      path: filePath(f, answers),
      status: i === 1 ? 'changed' : i === 3 ? 'unchanged' : 'new',
      description: f.description,
      secret: f.secret,
      diff: i === 0 ? envDiff(answers) : i === 1 ? `@@ -1,2 +1,2 @@\n-DOMAIN='old.example.org'\n+DOMAIN='${String(answers['domain'])}'\n CERTBOT=1\n` : i === 2 ? '@@ -0,0 +1,2 @@\n+S3_ACCESS_KEY=[masked:s3.access_key]\n+MYSQL_PASSWORD=[masked:secrets.mysql_password]\n' : '',
    })),
    steps: stack.steps(input).map((s) => ({ id: s.id, title: s.title })),
    notes: stack.notes?.(input) ?? [],
    warnings: (stack.crossCheck?.(answers) ?? []).filter((p) => p.severity === 'warning'),
    blocked: [],
  };
}

export function fakePorts(options: { stack?: Stack; install?: InstallStatus; preview?: (data: Record<string, unknown>) => PreviewResult; devices?: readonly BlockDevice[] | Error } = {}): FakePorts {
  const stack = options.stack ?? stickypi;
  const previews: Record<string, unknown>[] = [];
  const runs: ScriptedRun[] = [];
  const scripted = (kind: ScriptedRun['kind'], data: Record<string, unknown> | undefined, emit: (e: RunEvent) => void, signal: AbortSignal) =>
    new Promise<ApplyOutcome>((resolve) => {
      runs.push({ kind, data, signal, emit: (...events) => events.forEach(emit), finish: resolve });
    });
  const ports: FakePorts = {
    stack,
    dir: DIR,
    install: options.install ?? { kind: 'fresh' },
    previews,
    runs,
    deviceLookups: 0,
    async preview(data) {
      previews.push(data);
      return options.preview ? options.preview(data) : { ok: true, plan: planFor(stack, data) };
    },
    apply: (data, emit, signal) => scripted('apply', data, emit, signal),
    resume: (emit, signal) => scripted('resume', undefined, emit, signal),
    async listDevices() {
      ports.deviceLookups++;
      const d = options.devices ?? [];
      if (d instanceof Error) throw d;
      return d;
    },
  };
  return ports;
}

/** The Sticky Pi bootstrap's real steps (local S3, no first user), as run-started lists them. */
export function stickypiSteps(data: Record<string, unknown>): { id: string; title: string }[] {
  return planFor(stickypi, data).steps.map((s) => ({ ...s }));
}
