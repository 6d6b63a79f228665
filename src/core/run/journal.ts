import { isPlainObject } from '../answers/mapping.js';

/**
 * The record of a bootstrap run, saved after every step so that `fieldstation resume` continues where a
 * failed, killed or disconnected run stopped, without redoing what finished. No secret is ever in it.
 */
export interface StepRecord {
  readonly status: 'done' | 'skipped' | 'failed' | 'interrupted';
  readonly at: string;
  /** Why it was skipped, what failed, or what it did (masked). */
  readonly note?: string;
}

const JOURNAL_VERSION = 1;

export interface Journal {
  readonly version: typeof JOURNAL_VERSION;
  readonly runId: string;
  readonly stack: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly logs: readonly string[];
}

export const newJournal = (runId: string, stack: string, at: string, logPath: string): Journal => ({
  version: JOURNAL_VERSION, runId, stack, startedAt: at, updatedAt: at, status: 'running', steps: {}, logs: [logPath],
});

export const withStep = (j: Journal, id: string, record: StepRecord): Journal => ({
  ...j, updatedAt: record.at, steps: { ...j.steps, [id]: record },
});

/** An earlier run got somewhere: what it started (e.g. the server's own nginx) may already be running. */
export const hasFinishedSteps = (j: Journal | undefined): boolean => j !== undefined && Object.values(j.steps).some((s) => s.status === 'done');

/** Steps that a resumed run must not redo. */
export const isFinished = (record: StepRecord | undefined): boolean => record?.status === 'done' || record?.status === 'skipped';

/** The step a run stopped at (failed or interrupted), if any. */
export const stoppedAt = (j: Journal): string | undefined => Object.entries(j.steps).find(([, r]) => r.status === 'failed' || r.status === 'interrupted')?.[0];

const STATUSES = ['running', 'succeeded', 'failed', 'interrupted'];

/** A journal file's content, checked; or what is wrong with it. */
export function readJournal(data: unknown): { journal: Journal } | { problem: string } {
  if (!isPlainObject(data)) return { problem: 'is not a JSON object' };
  if (data['version'] !== JOURNAL_VERSION) return { problem: `is format version ${JSON.stringify(data['version'])}, which this fieldstation does not read` };
  if (typeof data['stack'] !== 'string' || typeof data['runId'] !== 'string' || !STATUSES.includes(String(data['status'])) || !isPlainObject(data['steps']) || !Array.isArray(data['logs'])) {
    return { problem: 'has no run id, stack, status, steps or logs' };
  }
  const RECORDS = ['done', 'skipped', 'failed', 'interrupted'];
  const bad = Object.entries(data['steps']).find(([, r]) => !isPlainObject(r) || !RECORDS.includes(String(r['status'])));
  if (bad) return { problem: `has a record for step ${bad[0]} that is not a step's outcome` };
  return { journal: data as unknown as Journal };
}
