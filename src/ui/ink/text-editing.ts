import type { Key } from 'ink';

/** A one-line field's content: the text, the cursor, and whether the user has changed it yet. */
export interface TextState {
  readonly value: string;
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
export const printable = (text: string): string => [...text].filter((c) => c >= ' ' && c !== '\u007f').join('');
/**
 * One key (or the text of a paste) applied to a field. Line breaks never get here: the key bus turns them
 * into Enter. Backspace and Delete both delete backwards: most terminals send DEL (0x7f) for Backspace.
 */
export function editText(s: TextState, input: string, key: Key, masked: boolean): { state: TextState; action?: TextAction } {
  if (key.escape) return { state: s, action: 'escape' };
  if (key.return) return { state: s, action: 'submit' };
  if (key.tab && !key.shift) return { state: s, action: 'help' };
  if (key.backspace || key.delete) {
    if (s.cursor === 0) return { state: { ...s, touched: true } };
    return { state: { value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1, touched: true } };
  }
  if (key.leftArrow) return { state: { ...s, cursor: Math.max(0, s.cursor - 1) } };
  if (key.rightArrow) return { state: { ...s, cursor: Math.min(s.value.length, s.cursor + 1) } };
  if (key.home) return { state: { ...s, cursor: 0 } };
  if (key.end) return { state: { ...s, cursor: s.value.length } };
  if (key.ctrl) {
    switch (input) {
      case 'u':
        return { state: { value: '', cursor: 0, touched: true } };
      case 'a':
        return { state: { ...s, cursor: 0 } };
      case 'e':
        return { state: { ...s, cursor: s.value.length } };
      case 'w': {
        const before = s.value.slice(0, s.cursor).replace(/\S+\s*$/u, '');
        return { state: { value: before + s.value.slice(s.cursor), cursor: before.length, touched: true } };
      }
      default:
        return { state: s };
    }
  }
  if (key.meta || key.upArrow || key.downArrow || key.pageUp || key.pageDown || input === '') return { state: s };
  if (input === '?' && questionMarkIsHelp(s, masked)) return { state: s, action: 'help' };
  const text = printable(input);
  if (text === '') return { state: s };
  return { state: { value: s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor), cursor: s.cursor + text.length, touched: true } };
}
