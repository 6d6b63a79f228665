/**
 * A file format fieldstation writes: how a value is quoted in it, which values it refuses, who reads the
 * file, and how the values already written are read back. The set is open: a stack's files and questions
 * name the formats they use, the shared ones from src/kit/formats or its own, and no core code lists them.
 * A value that a format cannot carry is refused at validation, never written and never silently changed.
 */
export interface Format {
  /** The name files and questions use, and the template helper that quotes for it: `{{env value}}`. */
  readonly name: string;
  /** The program that reads these files for real, and which the tests use: e.g. dotenv and Docker Compose. */
  readonly consumer: string;
  /** Why the value cannot be written in this format, or undefined when it can. */
  check(value: string): string | undefined;
  /** The value as it must appear in the file. Only called after `check` passed. */
  quote(value: string): string;
  /**
   * The values a file of this format holds, read back as its consumer reads them, by the key a secret's
   * `storedIn` names (an env variable, a dotted JSON path). Absent for formats that carry no values back.
   */
  reader?(text: string): (key: string) => string | undefined;
}

/** A value reached a format that cannot carry it: the last guard, if validation ever let it through. */
export class FormatError extends Error {
  constructor(
    readonly format: string,
    readonly reason: string,
  ) {
    super(`value cannot be written as ${format}: ${reason}`);
  }
}

/** Quotes for the format, or throws FormatError. */
export function quoteFor(format: Format, value: string): string {
  const reason = format.check(value);
  if (reason !== undefined) throw new FormatError(format.name, reason);
  return format.quote(value);
}

/** The first reason any of the formats refuses the value, or undefined when all can carry it. */
export function refusal(formats: readonly Format[], value: string): string | undefined {
  for (const format of formats) {
    const reason = format.check(value);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
