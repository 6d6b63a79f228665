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
  /**
   * The other kinds of value the same file holds, each quoted its own way: a systemd unit has plain settings
   * (`WorkingDirectory=`), the words of command lines (`ExecStart=`) and environment assignments
   * (`Environment=`). A template of this format may use their helpers too; a question names the one its
   * answer goes into, so validation refuses what that position cannot carry.
   */
  readonly companions?: readonly Format[];
  /**
   * Set by formats whose helper may be given a list from the context (the words of a command line): the
   * quoted items are joined with it. A list given to any other format is an error.
   */
  readonly listSeparator?: string;
  /**
   * Why these values cannot be written together as one list, checked after each passed `check`: a crontab
   * command longer than cron reads. A stack that builds such a list from answers calls it in its
   * `crossCheck`, so validation refuses what rendering would.
   */
  checkList?(values: readonly string[]): string | undefined;
}

/** The formats whose helpers a template of this format may use: its own, then its companions'. */
export const helpersOf = (format: Format): readonly Format[] => [format, ...(format.companions ?? [])];

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
