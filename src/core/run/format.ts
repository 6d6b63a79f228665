import type { RunEvent } from './events.js';

/**
 * One line of plain text per event, for the log file and for the line reporter (CI, pipes, --plain):
 * no cursor movement, each line readable on its own. Output lines carry their step's id.
 */
export function formatEvent(e: RunEvent): string {
  switch (e.type) {
    case 'run-started': {
      const done = e.steps.filter((s) => s.status !== 'pending').length;
      return `${e.resumed ? 'Resuming' : 'Running'} the ${e.stack} ${e.what ?? 'bootstrap'} in ${e.dir}: ${e.steps.length} steps${done ? ` (${done} already finished)` : ''}. Log: ${e.logPath}`;
    }
    case 'step-started':
      return `[${e.id}] ${e.title}${e.attempts > 1 ? ` (attempt ${e.attempt} of ${e.attempts})` : ''}...`;
    case 'step-output':
      return `[${e.id}] ${e.stream === 'stderr' ? '! ' : e.stream === 'info' ? '- ' : '  '}${e.line}`;
    case 'step-retry':
      return `[${e.id}] attempt ${e.attempt} failed: ${e.error}; trying again in ${e.delaySeconds} s`;
    case 'step-skipped':
      return `SKIP ${e.id}: ${e.title}, already done (${e.reason})`;
    case 'step-succeeded':
      return `OK   ${e.id}: ${e.title} (${e.seconds} s)${e.detail ? `: ${e.detail}` : ''}`;
    case 'step-failed':
      return `FAIL ${e.id}: ${e.title} (${e.seconds} s): ${e.error}`;
    case 'step-interrupted':
      return `STOP ${e.id}: ${e.title}: interrupted`;
    case 'run-finished': {
      const what = e.what ?? 'Bootstrap';
      return e.status === 'succeeded'
        ? `${what} finished in ${e.seconds} s.`
        : e.status === 'failed'
          ? `${what} failed at step ${e.failed ?? '?'} after ${e.seconds} s.`
          : `${what} interrupted after ${e.seconds} s.`;
    }
  }
}

/** A health gate the run passed, as a line of the final summary. */
export const formatCheck = (check: string): string => `Checked: ${check}.`;
