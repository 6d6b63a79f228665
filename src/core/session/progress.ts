import type { RunEvent, RunStatus } from '../run/events.js';

/** Lines of a running step's output kept on screen. */
const OUTPUT_LINES = 5;

export type StepStatus = 'pending' | 'running' | 'retrying' | 'done' | 'skipped' | 'failed' | 'interrupted';

export interface StepView {
  readonly id: string;
  readonly title: string;
  readonly status: StepStatus;
  /** Finished in an earlier run (a resumed bootstrap): not run again. */
  readonly earlier: boolean;
  /** When the current attempt started (ms since the epoch). */
  readonly startedAt?: number;
  readonly seconds?: number;
  readonly attempt?: number;
  readonly attempts?: number;
  /** Why it was skipped, or what it reported on success. */
  readonly reason?: string;
  readonly error?: string;
  readonly retryInSeconds?: number;
  /** The last few lines of its output (the runner masks secrets before they get here). */
  readonly output: readonly string[];
  /** What the runner kept when it failed. */
  readonly tail: readonly string[];
}

export interface ProgressModel {
  readonly started: boolean;
  readonly resumed: boolean;
  readonly logPath: string | undefined;
  readonly steps: readonly StepView[];
  readonly finished: { readonly status: RunStatus; readonly seconds: number; readonly failed?: string } | undefined;
}

export const emptyProgress: ProgressModel = { started: false, resumed: false, logPath: undefined, steps: [], finished: undefined };

const FINAL: ReadonlySet<StepStatus> = new Set(['done', 'skipped', 'failed', 'interrupted']);

/** Whether a step is over (for the bar and for collapsing the list). */
export const isFinal = (s: StepView): boolean => FINAL.has(s.status);

/** Steps over, of all steps: the overall bar. */
export function counts(m: ProgressModel): { finished: number; total: number } {
  return { finished: m.steps.filter(isFinal).length, total: m.steps.length };
}

const blank = (id: string, title: string): StepView => ({ id, title, status: 'pending', earlier: false, output: [], tail: [] });

function update(m: ProgressModel, id: string, title: string | undefined, change: (s: StepView) => StepView): ProgressModel {
  const at = m.steps.findIndex((s) => s.id === id);
  if (at < 0) return { ...m, steps: [...m.steps, change(blank(id, title ?? id))] };
  const steps = [...m.steps];
  steps[at] = change(steps[at]!);
  return { ...m, steps };
}

/** The progress screen's state after one more event from the runner: a pure fold over RunEvents. */
export function applyRunEvent(m: ProgressModel, e: RunEvent): ProgressModel {
  switch (e.type) {
    case 'run-started':
      return {
        started: true,
        resumed: e.resumed,
        logPath: e.logPath,
        finished: undefined,
        steps: e.steps.map((s) => ({ ...blank(s.id, s.title), status: s.status, earlier: s.status !== 'pending' })),
      };
    case 'step-started':
      // Parsing a timestamp the event carries is pure: no clock is read here.
      // eslint-disable-next-line no-restricted-globals
      return update(m, e.id, e.title, (s) => ({ ...s, title: e.title, status: 'running', startedAt: Date.parse(e.at), attempt: e.attempt, attempts: e.attempts, error: undefined, retryInSeconds: undefined }));
    case 'step-output':
      return update(m, e.id, undefined, (s) => ({ ...s, output: [...s.output, e.line].slice(-OUTPUT_LINES) }));
    case 'step-retry':
      return update(m, e.id, undefined, (s) => ({ ...s, status: 'retrying', error: e.error, retryInSeconds: e.delaySeconds }));
    case 'step-skipped':
      return update(m, e.id, e.title, (s) => ({ ...s, title: e.title, status: 'skipped', reason: e.reason }));
    case 'step-succeeded':
      return update(m, e.id, e.title, (s) => ({ ...s, title: e.title, status: 'done', seconds: e.seconds, reason: e.detail, output: [] }));
    case 'step-failed':
      return update(m, e.id, e.title, (s) => ({ ...s, title: e.title, status: 'failed', seconds: e.seconds, error: e.error, tail: e.tail }));
    case 'step-interrupted':
      return update(m, e.id, e.title, (s) => ({ ...s, title: e.title, status: 'interrupted' }));
    case 'run-finished':
      return { ...m, logPath: e.logPath, finished: { status: e.status, seconds: e.seconds, ...(e.failed === undefined ? {} : { failed: e.failed }) } };
  }
}
