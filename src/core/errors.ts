/**
 * Typed outcomes. Each error knows its exit code and what the user can do next, so the CLI can print it
 * and exit without any `process.exit` deep in the code.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  preflight: 3,
  stepFailed: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class FieldstationError extends Error {
  readonly exitCode: ExitCode;
  /** What to do next, one line each. */
  readonly hints: readonly string[];
  constructor(message: string, exitCode: ExitCode, hints: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hints = hints;
  }
}

/** Bad flags or arguments. */
export class UsageError extends FieldstationError {
  constructor(message: string, hints: readonly string[] = []) {
    super(message, ExitCode.usage, hints);
  }
}

export interface Problem {
  /** Dotted key path in the answers file, e.g. `s3.host`; empty for the whole file. */
  readonly path: string;
  readonly line?: number | undefined;
  readonly severity: 'error' | 'warning';
  /** What is wrong with the value. */
  readonly message: string;
  /** What would be valid, or how to fix it. */
  readonly fix?: string | undefined;
  /** A stable name for problems that callers treat specially. */
  readonly code?: 'literal-secret';
}

/** The answers cannot be used; every problem is listed at once and nothing has been written. */
export class AnswersError extends FieldstationError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], source: string) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`${source}: ${errors} problem${errors === 1 ? '' : 's'} in the answers; nothing was written.`, ExitCode.usage, [
      'Fix the answers listed above, then run the same command again.',
    ]);
    this.problems = problems;
  }
}

/** Something about the target machine or folder stops us before anything is changed. */
export class PreflightError extends FieldstationError {
  constructor(message: string, hints: readonly string[] = []) {
    super(message, ExitCode.preflight, hints);
  }
}

/** The user stopped us (Ctrl-C, or declined a confirmation). */
export class InterruptedError extends FieldstationError {
  constructor(message = 'Interrupted; nothing more was changed.') {
    super(message, ExitCode.interrupted);
  }
}

/** An invariant of ours was broken: a bug, not the user's fault. */
export class BugError extends FieldstationError {
  constructor(message: string) {
    super(message, ExitCode.internal, ['This is a bug in fieldstation; please report it with the command you ran.']);
  }
}
