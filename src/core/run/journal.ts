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

export interface Journal {
  readonly version: 1;
  readonly runId: string;
  readonly stack: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly logs: readonly string[];
}

export const newJournal = (runId: string, stack: string, at: string, logPath: string): Journal => ({
  version: 1, runId, stack, startedAt: at, updatedAt: at, status: 'running', steps: {}, logs: [logPath],
});

export const withStep = (j: Journal, id: string, record: StepRecord): Journal => ({
  ...j, updatedAt: record.at, steps: { ...j.steps, [id]: record },
});

/** An earlier run got somewhere: what it started (e.g. the server's own nginx) may already be running. */
export const hasFinishedSteps = (j: Journal | undefined): boolean => j !== undefined && Object.values(j.steps).some((s) => s.status === 'done');

/** Steps that a resumed run must not redo. */
export const isFinished = (record: StepRecord | undefined): boolean => record?.status === 'done' || record?.status === 'skipped';
