import type { StepRun } from '../../core/steps/step.js';

/** What an executor tells the runner about one attempt. `error` is for people, and must hold no secret. */
export type Outcome = { readonly ok: true; readonly detail?: string } | { readonly ok: false; readonly error: string };

export interface ExecuteContext {
  /** Aborted on Ctrl-C, SIGTERM, SIGHUP or the step's timeout: stop at once, children included. */
  readonly signal: AbortSignal;
  /** One line of output or progress, already free of escape sequences that move the cursor. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr' | 'info') => void;
}

/** Runs one kind of step. Executors never throw for an expected failure: they return `{ok: false}`. */
export type Executor<K extends StepRun['kind']> = (run: Extract<StepRun, { kind: K }>, ctx: ExecuteContext) => Promise<Outcome>;
