import type { Key } from './keys.js';

/** A one-line field's content: the text, the cursor, and whether the user has changed it yet. */
export interface TextState {
  readonly value: string;
  /** Where the next character goes, as an index into `value` (always at a character's boundary). */
  readonly cursor: number;
  /** False while the field still holds what it was opened with (the default or the earlier answer). */
  readonly touched: boolean;
}

export type TextAction = 'submit' | 'escape' | 'help';

export const initialText = (value: string): TextState => ({ value, cursor: value.length, touched: false });

/**
 * Whether `?` shows the help instead of typing a question mark: on an empty field or one not edited yet
 * (no domain, path, e-mail or user name contains one). Never in a masked field: a password may start with `?`.
 */
export const questionMarkIsHelp = (s: TextState, masked: boolean): boolean => !masked && (s.value === '' || !s.touched);

/** Drops control characters (a paste may carry tabs or escape codes): a field holds one line of printable text. */
export const printable = (text: string): string => [...text].filter((c) => c >= ' ' && (c < '\u007f' || c > '\u009f')).join('');

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where each character as the person sees it starts, and the end: the cursor moves and deletes by these,
 * so an emoji or a letter with its accent is one step, never half of one.
 */
export function boundaries(value: string): number[] {
  return [...[...graphemes.segment(value)].map((g) => g.index), value.length];
}

/** How many characters (as the person sees them) the text has: a masked field shows one mask each. */
export const characterCount = (value: string): number => boundaries(value).length - 1;

const before = (value: string, cursor: number) => boundaries(value).filter((b) => b < cursor).at(-1) ?? 0;
const after = (value: string, cursor: number) => boundaries(value).find((b) => b > cursor) ?? value.length;

const edited = (value: string, cursor: number): TextState => ({ value, cursor, touched: true });

/**
 * One key applied to a field: keys come one at a time from the key bus (keys.ts), Enter included, and a
 * paste is one key whose text is inserted as it is. Backspace deletes before the cursor, Delete under it.
 */
export function editText(s: TextState, input: string, key: Key, masked: boolean): { state: TextState; action?: TextAction } {
  if (key.paste) return insert(s, input);
  if (key.escape) return { state: s, action: 'escape' };
  if (key.return) return { state: s, action: 'submit' };
  if (key.tab && !key.shift) return { state: s, action: 'help' };
  if (key.backspace) {
    const from = before(s.value, s.cursor);
    return { state: edited(s.value.slice(0, from) + s.value.slice(s.cursor), from) };
  }
  if (key.delete) return { state: edited(s.value.slice(0, s.cursor) + s.value.slice(after(s.value, s.cursor)), s.cursor) };
  if (key.leftArrow) return { state: { ...s, cursor: before(s.value, s.cursor) } };
  if (key.rightArrow) return { state: { ...s, cursor: after(s.value, s.cursor) } };
  if (key.home) return { state: { ...s, cursor: 0 } };
  if (key.end) return { state: { ...s, cursor: s.value.length } };
  if (key.ctrl) {
    switch (input) {
      case 'u':
        return { state: edited('', 0) };
      case 'a':
        return { state: { ...s, cursor: 0 } };
      case 'e':
        return { state: { ...s, cursor: s.value.length } };
      case 'w': {
        const kept = s.value.slice(0, s.cursor).replace(/\S+\s*$/u, '');
        return { state: edited(kept + s.value.slice(s.cursor), kept.length) };
      }
      default:
        return { state: s };
    }
  }
  if (key.meta || key.upArrow || key.downArrow || key.pageUp || key.pageDown || input === '') return { state: s };
  if (input === '?' && questionMarkIsHelp(s, masked)) return { state: s, action: 'help' };
  return insert(s, input);
}

function insert(s: TextState, input: string): { state: TextState } {
  const text = printable(input);
  if (text === '') return { state: s };
  return { state: edited(s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor), s.cursor + text.length) };
}
