import { ExitCode } from '../core/errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C, SIGTERM and SIGHUP (a dropped SSH session): the first calls `first` (a clean stop), a second
 * exits at once with 130. Returns the function that removes the handlers.
 */
export function onStopSignals(first: (signal: NodeJS.Signals) => void): () => void {
  let stops = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++stops > 1) process.exit(ExitCode.interrupted);
    first(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    for (const s of SIGNALS) process.off(s, onSignal);
  };
}
