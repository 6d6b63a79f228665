import { formatCheck } from '../core/run/format.js';
import type { RunOutcome } from '../core/session/outcome.js';

/** The files a run wrote, for the summary. */
export const writtenFiles = (o: RunOutcome): readonly string[] => o.files?.written ?? [];

/** What the summary lists under "Next steps": the health gates passed, then the stack's notes. */
export const nextSteps = (o: RunOutcome): readonly string[] => [...o.checks.map(formatCheck), ...o.notes];
