import { useRef, useState } from 'react';
import type { RunEvent } from '../../core/run/events.js';
import type { ApplyOutcome } from '../ports.js';
import { applyRunEvent, emptyProgress, type ProgressModel } from './progress-model.js';
import { useLatest } from './use-latest.js';

/** ports.apply or ports.resume, with the data already bound. */
export type StartRun = (emit: (event: RunEvent) => void, signal: AbortSignal) => Promise<ApplyOutcome>;

export interface BootstrapRun {
  /** The steps as the runner's events left them. */
  readonly model: ProgressModel;
  /** stop() was called: the runner is ending the running step. */
  readonly stopping: boolean;
  start(run: StartRun): void;
  /** Aborts the signal given to the run; the runner stops its children cleanly and the run returns. */
  stop(): void;
}

/**
 * A bootstrap run (apply or resume) as the progress screen needs it: its events folded into a model, and
 * an AbortController to stop it. Nothing here exits: the run's outcome (or its failure, a bug) goes to the
 * callbacks, once, unless `ended()` says the app is gone.
 */
export function useBootstrapRun(on: { readonly outcome: (outcome: ApplyOutcome) => void; readonly error: (error: unknown) => void; readonly ended: () => boolean }): BootstrapRun {
  const progress = useLatest<ProgressModel>(() => emptyProgress);
  const [stopping, setStopping] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);
  return {
    model: progress.value,
    stopping,
    start(run) {
      const controller = new AbortController();
      abort.current = controller;
      progress.set(emptyProgress);
      const emit = (event: RunEvent) => {
        if (!on.ended()) progress.set(applyRunEvent(progress.ref.current, event));
      };
      Promise.resolve()
        .then(() => run(emit, controller.signal))
        .then((outcome) => {
          if (!on.ended()) on.outcome(outcome);
        }, on.error);
    },
    stop() {
      if (!abort.current || abort.current.signal.aborted) return;
      abort.current.abort();
      setStopping(true);
    },
  };
}
