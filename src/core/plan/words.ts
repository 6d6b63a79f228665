import type { ChildValue } from '../steps/step.js';

/** Quotes an argv word for display only (it is never run through a shell). */
export function showWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A value for a child, for display: a secret prints as its mask. */
export const showValue = (v: ChildValue): string => (typeof v === 'string' ? showWord(v) : String(v));

/** A file mode as people write it: 0600. */
export const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;
