/**
 * How a value is written into each file format we produce, and which values cannot be written safely.
 * A value that a format cannot carry is rejected at validation, never written and never silently changed.
 */
export interface Format {
  readonly name: FormatName;
  /** Why the value cannot be written in this format, or undefined when it can. */
  check(value: string): string | undefined;
  /** The value as it must appear in the file (quoted as the format needs). Call `check` first. */
  quote(value: string): string;
}

export type FormatName = 'env' | 'json';

/**
 * Compose env_file / dotenv: always `KEY='value'`. Inside single quotes dotenv and Compose v2 take every
 * character literally, except that Compose v2 treats `\'` as an escaped quote; Debian's Compose v1
 * (python-dotenv) also folds `\\` and expands `${...}` there. So we refuse exactly what would read back
 * differently in one of them (see ecosystem.md §8).
 */
const env: Format = {
  name: 'env',
  check(value) {
    if (value.includes("'")) return 'contains a single quote (\'), which env files cannot carry the same way for dotenv and Docker Compose';
    if (/[\r\n]/.test(value)) return 'contains a line break';
    if (value.includes('\0')) return 'contains a NUL character';
    // With the u flag this matches only unpaired halves: UTF-8 cannot carry them (they become U+FFFD).
    if (/[\uD800-\uDFFF]/u.test(value)) return 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';
    if (value.includes('\\\\')) return 'contains two backslashes in a row (\\\\), which Docker Compose reads as one';
    if (value.endsWith('\\')) return 'ends with a backslash, which Docker Compose reads as escaping the closing quote';
    if (value.includes('${')) return 'contains "${", which Docker Compose expands as a variable';
    return undefined;
  },
  quote: (value) => `'${value}'`,
};

/** JSON strings carry any text: JSON.stringify escapes what it must (including lone surrogates). */
const json: Format = {
  name: 'json',
  check: () => undefined,
  quote: (value) => JSON.stringify(value),
};

export const FORMATS: Readonly<Record<FormatName, Format>> = { env, json };

export class FormatError extends Error {
  constructor(
    readonly format: FormatName,
    readonly reason: string,
  ) {
    super(`value cannot be written as ${format}: ${reason}`);
  }
}

/** Quotes for the format, or throws FormatError: the last guard if validation ever let a value through. */
export function quoteFor(format: FormatName, value: string): string {
  const f = FORMATS[format];
  const reason = f.check(value);
  if (reason !== undefined) throw new FormatError(format, reason);
  return f.quote(value);
}
