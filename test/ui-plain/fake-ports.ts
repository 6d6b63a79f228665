import type { RunEvent } from '../../src/core/run/events.js';
import { stickypi } from '../../src/stacks/stickypi/index.js';
import type { ApplyOutcome, InstallStatus, PlanPreview, PreviewResult, WizardPorts } from '../../src/ui/ports.js';

/**
 * In-memory WizardPorts: our own interface with recorded calls. preview returns a plan; apply and
 * resume emit real RunEvent objects (the same shapes the runner emits) and return an ApplyOutcome.
 */

export const DIR = '/srv/sticky-pi-api/server';
const AT = '2026-11-24T10:00:00.000Z';
const LOG = `${DIR}/.fieldstation/logs/2026-11-24T10-00-00.log`;
export const RESUME = `fieldstation resume --dir ${DIR}`;

export const PLAN: PlanPreview = {
  files: [
    { path: '.env', status: 'new', description: 'Compose settings (domain, data folder)', secret: false, diff: "--- .env\n+++ .env\n@@ -0,0 +1,2 @@\n+DOMAIN='sticky.example.org'\n+LOCAL_VOLUME_ROOT='/opt/sticky-pi-server'\n" },
    { path: '.secret.env', status: 'new', description: 'Passwords and keys', secret: true, diff: "--- .secret.env\n+++ .secret.env\n@@ -0,0 +1,1 @@\n+SECRET_API_KEY='[masked:secrets.api_key]'\n" },
    { path: '.prod.env', status: 'unchanged', description: 'Production settings', secret: false, diff: '' },
  ],
  steps: [
    { id: 'folders', title: 'Create the data folders' },
    { id: 'compose-up', title: 'Start the server' },
  ],
  notes: ['DNS: A records for sticky.example.org and *.sticky.example.org must point at this machine before certificates are requested.'],
  warnings: [],
  blocked: [],
};

export const STEPS_OK: RunEvent[] = [
  { type: 'run-started', at: AT, runId: 'r1', stack: 'stickypi', dir: DIR, logPath: LOG, resumed: false, steps: [{ id: 'folders', title: 'Create the data folders', status: 'pending' }, { id: 'compose-up', title: 'Start the server', status: 'pending' }] },
  { type: 'step-started', at: AT, id: 'folders', title: 'Create the data folders', attempt: 1, attempts: 1 },
  { type: 'step-succeeded', at: AT, id: 'folders', title: 'Create the data folders', seconds: 0.1 },
  { type: 'step-started', at: AT, id: 'compose-up', title: 'Start the server', attempt: 1, attempts: 1 },
  { type: 'step-output', at: AT, id: 'compose-up', stream: 'stdout', line: 'Container sticky-pi-api  Started' },
  { type: 'step-succeeded', at: AT, id: 'compose-up', title: 'Start the server', seconds: 2.5 },
  { type: 'run-finished', at: AT, status: 'succeeded', seconds: 2.6, logPath: LOG },
];

export const OUTCOME_OK: ApplyOutcome = {
  status: 'succeeded',
  logPath: LOG,
  answersPath: `${DIR}/.fieldstation/answers.yaml`,
  written: ['.env', '.secret.env'],
  notes: ['Firewall: only ports 80 and 443 need to be reachable.'],
  resumeCommand: RESUME,
};

export interface Run {
  emit: (event: RunEvent) => void;
  signal: AbortSignal;
}

export interface FakePorts extends WizardPorts {
  readonly previews: Record<string, unknown>[];
  readonly applied: Record<string, unknown>[];
  readonly resumed: number;
  readonly signals: AbortSignal[];
}

export function fakePorts(options: {
  install?: InstallStatus;
  preview?: (data: Record<string, unknown>, call: number) => PreviewResult;
  apply?: (run: Run) => Promise<ApplyOutcome>;
  resume?: (run: Run) => Promise<ApplyOutcome>;
} = {}): FakePorts {
  const previews: Record<string, unknown>[] = [];
  const applied: Record<string, unknown>[] = [];
  const signals: AbortSignal[] = [];
  let resumed = 0;
  const succeed = async ({ emit }: Run) => {
    for (const e of STEPS_OK) emit(e);
    return OUTCOME_OK;
  };
  return {
    stack: stickypi,
    dir: DIR,
    install: options.install ?? { kind: 'fresh' },
    previews,
    applied,
    signals,
    get resumed() {
      return resumed;
    },
    async preview(data) {
      previews.push(structuredClone(data));
      return options.preview?.(data, previews.length) ?? { ok: true, plan: PLAN };
    },
    async apply(data, emit, signal) {
      applied.push(structuredClone(data));
      signals.push(signal);
      return (options.apply ?? succeed)({ emit, signal });
    },
    async resume(emit, signal) {
      resumed++;
      signals.push(signal);
      return (options.resume ?? succeed)({ emit, signal });
    },
    async listDevices() {
      return [];
    },
  };
}
