import { AnswersError, ExitCode, FieldstationError } from '../core/errors.js';
import { formatProblems, type Output } from './output.js';

/** Prints an outcome for people on stderr and gives its exit code. Unknown errors are bugs (exit 1). */
export function reportError(error: unknown, out: Output): number {
  if (error instanceof AnswersError) {
    out.err(`${formatProblems(error.problems)}\n${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof FieldstationError) {
    out.err(`fieldstation: ${error.message}\n${error.hints.map((h) => `  ${h}\n`).join('')}`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  out.err(`fieldstation: internal error: ${detail}\n  This is a bug in fieldstation; please report it with the command you ran.\n`);
  return ExitCode.internal;
}
