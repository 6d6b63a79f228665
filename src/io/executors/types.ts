import type { ExecuteContext, Outcome } from '../../core/steps/kind.js';

export type { Outcome };

/** What an executor needs of the runner: the stop signal and where its lines go. */
export type ExecutorContext = Pick<ExecuteContext, 'signal' | 'onLine'>;

/** Runs one kind of step. Executors never throw for an expected failure: they return `{ok: false}`. */
export type Executor<R> = (run: R, ctx: ExecutorContext) => Promise<Outcome>;
