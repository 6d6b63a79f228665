import type { TerminalInfo } from '../terminal-info.js';

/**
 * Every symbol the screens draw, in a Unicode and an ASCII set. Meaning is never carried by a symbol or
 * a colour alone: each status glyph is followed by a word ("done", "failed", "skipped").
 */
export interface Glyphs {
  readonly pointer: string;
  readonly tick: string;
  readonly cross: string;
  readonly skip: string;
  readonly pending: string;
  readonly stop: string;
  readonly warning: string;
  readonly bullet: string;
  /** Shown for each character of a typed secret. */
  readonly mask: string;
  readonly rule: string;
  /** Between parts of a header or a hint line. */
  readonly sep: string;
  readonly ellipsis: string;
  readonly arrow: string;
  readonly more: { readonly up: string; readonly down: string };
  readonly updown: string;
  readonly outputBar: string;
  readonly barFull: string;
  readonly barEmpty: string;
  readonly spinner: readonly string[];
}

export const UNICODE_GLYPHS: Glyphs = {
  pointer: '›',
  tick: '✓',
  cross: '✗',
  skip: '↷',
  pending: '·',
  stop: '■',
  warning: '!',
  bullet: '•',
  mask: '•',
  rule: '─',
  sep: ' · ',
  ellipsis: '…',
  arrow: '→',
  more: { up: '↑', down: '↓' },
  updown: '↑↓',
  outputBar: '│',
  barFull: '█',
  barEmpty: '░',
  spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
};

export const ASCII_GLYPHS: Glyphs = {
  pointer: '>',
  tick: '+',
  cross: 'x',
  skip: '~',
  pending: '.',
  stop: '#',
  warning: '!',
  bullet: '-',
  mask: '*',
  rule: '-',
  sep: ' | ',
  ellipsis: '...',
  arrow: '->',
  more: { up: '^', down: 'v' },
  updown: 'Up/Down',
  outputBar: '|',
  barFull: '#',
  barEmpty: '-',
  spinner: ['|', '/', '-', '\\'],
};

/** Colours by role; undefined (no colour) when the terminal has none. */
export type Tone = 'accent' | 'ok' | 'bad' | 'warn' | 'muted';
const TONES: Readonly<Record<Tone, string>> = { accent: 'cyan', ok: 'green', bad: 'red', warn: 'yellow', muted: 'gray' };

export interface Theme {
  readonly glyphs: Glyphs;
  readonly unicode: boolean;
  /** The colour for a role, or undefined without colours. */
  tone(role: Tone): string | undefined;
  /**
   * Text from elsewhere (the catalogue, the checks, the plan), made safe for an ASCII-only terminal: the
   * typographic characters those texts use become their ASCII spelling. Other text is left as it is.
   */
  plain(text: string): string;
}

const ASCII_SPELLINGS: Readonly<Record<string, string>> = {
  '–': '-', '—': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '…': '...', '→': '->', '←': '<-', '×': 'x', '·': '|', '•': '-', '✓': '+', '✗': 'x', '─': '-', '\u00a0': ' ',
};
const TYPOGRAPHIC = new RegExp(`[${Object.keys(ASCII_SPELLINGS).join('')}]`, 'gu');

export function themeFor(terminal: TerminalInfo): Theme {
  return {
    glyphs: terminal.unicode ? UNICODE_GLYPHS : ASCII_GLYPHS,
    unicode: terminal.unicode,
    tone: (role) => (terminal.color ? TONES[role] : undefined),
    plain: terminal.unicode ? (text) => text : (text) => text.replace(TYPOGRAPHIC, (c) => ASCII_SPELLINGS[c] ?? c),
  };
}
