import { ExitCode } from '../core/errors.js';
import type { ApplyOutcome } from './ports.js';

/** The wizard's exit codes, named for how a wizard ends (README "Exit codes"). */
export const WizardExit = { done: ExitCode.ok, refused: ExitCode.preflight, stepFailed: ExitCode.stepFailed, cancelled: ExitCode.interrupted } as const;

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
