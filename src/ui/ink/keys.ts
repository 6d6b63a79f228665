import { stripVTControlCharacters } from 'node:util';
import { tokenize, type Token } from './key-tokens.js';

/**
 * One key as the screens see it. `input` is the character typed (a letter for Ctrl or Alt with it, the
 * whole text for a paste) and '' for keys that type nothing (arrows, Enter, Backspace...).
 */
export interface Key {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly home: boolean;
  readonly end: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly tab: boolean;
  readonly backspace: boolean;
  /** Delete (forward), not Backspace. */
  readonly delete: boolean;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** Text pasted in one piece (bracketed paste): never a command, never Enter. */
  readonly paste: boolean;
}

export interface KeyPress {
  readonly input: string;
  readonly key: Key;
}

export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false,
  return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, meta: false, paste: false,
};

const press = (input: string, key: Partial<Key> = {}): KeyPress => ({ input, key: { ...NO_KEY, ...key } });

/** Sequences by final byte (CSI and SS3 alike: ESC [ A and ESC O A are both Up). */
const BY_FINAL: Readonly<Record<string, Partial<Key>>> = {
  A: { upArrow: true }, B: { downArrow: true }, C: { rightArrow: true }, D: { leftArrow: true },
  H: { home: true }, F: { end: true }, Z: { tab: true, shift: true },
};
/** CSI n ~ by its first parameter (VT220 editing keys; rxvt's 7 and 8 for Home and End). */
const BY_NUMBER: Readonly<Record<string, Partial<Key>>> = {
  1: { home: true }, 7: { home: true }, 4: { end: true }, 8: { end: true }, 3: { delete: true }, 5: { pageUp: true }, 6: { pageDown: true },
};

/** xterm's modifier parameter (ESC [ 1 ; 5 C is Ctrl-Right): 1 + (1 shift, 2 alt, 4 ctrl). */
function modifiers(params: string, meta: boolean): Partial<Key> {
  const m = Number(params.split(';')[1] ?? '1') - 1;
  return { shift: (m & 1) !== 0, meta: meta || (m & 2) !== 0, ctrl: (m & 4) !== 0 };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The keys a token stands for; none for what this program does not know (function keys, mouse reports). */
export function keysOf(token: Token): KeyPress[] {
  switch (token.kind) {
    case 'text':
      // One key per character as the person sees it (an emoji with its modifiers is one).
      return [...graphemes.segment(token.raw)].map((g) => press(g.segment));
    case 'escape':
      return [press('', { escape: true })];
    case 'meta':
      return [press(token.char, { meta: true })];
    case 'control': {
      const meta = token.meta;
      // Ctrl-J (a lone line feed) is Enter too, as in a shell.
      if (token.code === 0x0d || token.code === 0x0a) return [press('', { return: true, meta })];
      if (token.code === 0x09) return [press('', { tab: true, meta })];
      // DEL is what Backspace sends on most terminals; BS (Ctrl-H) on some.
      if (token.code === 0x7f || token.code === 0x08) return [press('', { backspace: true, meta })];
      if (token.code >= 0x01 && token.code <= 0x1a) return [press(String.fromCharCode(token.code + 0x60), { ctrl: true, meta })];
      return [];
    }
    case 'csi': {
      const found = token.final === '~' ? BY_NUMBER[token.params.split(';')[0] ?? ''] : /^(1?(;\d+)?)?$/u.test(token.params) ? BY_FINAL[token.final] : undefined;
      return found ? [press('', { ...modifiers(token.params, token.meta), ...found })] : [];
    }
    case 'ss3': {
      const found = BY_FINAL[token.final];
      return found ? [press('', { ...found, meta: token.meta })] : [];
    }
    case 'unknown':
      return [];
  }
}

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

/**
 * A paste as a field takes it: one line, line breaks and tabs as spaces, no control characters or escape
 * sequences, surrounding white space trimmed (a copied line usually brings its line break along).
 */
export function pastedText(raw: string): string {
  const oneLine = stripVTControlCharacters(raw).replace(/\r\n|[\r\n\t]/gu, ' ');
  return [...oneLine].filter((c) => c >= ' ' && (c < '\u007f' || c > '\u009f')).join('').trim();
}

export interface KeyReader {
  /** What the terminal sent next (one read, or one event from Ink): the keys it completes, in order. */
  push(chunk: string): KeyPress[];
}

/**
 * Keys from what the terminal sends, one chunk after another. A bracketed paste (ESC [200~ ... ESC [201~,
 * sent by terminals when the program asks with ESC [?2004h) may come in several chunks: everything
 * between the markers is its text, whatever it holds (Enter included), and comes out as one key.
 */
export function createKeyReader(): KeyReader {
  let paste: string | undefined;
  return {
    push(chunk) {
      const keys: KeyPress[] = [];
      for (const token of tokenize(chunk)) {
        if (paste !== undefined) {
          if (token.raw === PASTE_END) {
            const text = pastedText(paste);
            paste = undefined;
            if (text !== '') keys.push(press(text, { paste: true }));
          } else paste += token.raw;
        } else if (token.raw === PASTE_START) paste = '';
        else keys.push(...keysOf(token));
      }
      return keys;
    },
  };
}
