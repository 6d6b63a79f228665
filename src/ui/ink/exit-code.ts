import type { ApplyOutcome } from '../ports.js';

/** The wizard's exit codes (README "Exit codes"). */
export const WizardExit = { done: 0, refused: 3, stepFailed: 4, cancelled: 130 } as const;

/** How an apply or resume ended, as the process's exit code. */
export function exitCodeFor(outcome: ApplyOutcome): number {
  switch (outcome.status) {
    case 'succeeded':
    case 'written':
      return WizardExit.done;
    case 'failed':
      return WizardExit.stepFailed;
    case 'interrupted':
      return WizardExit.cancelled;
    case 'refused':
      return WizardExit.refused;
  }
}
