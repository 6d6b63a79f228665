/**
 * What a terminal sent, cut into the keys it stands for. Over a slow link (SSH) several keys arrive in one
 * read, and Ink hands a run without escape sequences over whole ("\x15/tmp/x\r" is Ctrl-U, text, Enter):
 * every byte of it must become its own key, in order, or Backspace and Ctrl-U inside it are lost.
 *
 * The grammar is ECMA-48's: ESC [ (parameter bytes 0x30-0x3F) (intermediate bytes 0x20-0x2F) (final byte
 * 0x40-0x7E) for CSI, ESC O (final) for SS3, a C0 control byte or DEL alone, ESC with one character for Alt,
 * and runs of printable characters. Bracketed-paste markers are CSI 200~ and 201~ (see keys.ts).
 */
export type Token =
  /** Printable characters (already decoded from UTF-8 by the stream), as one run. */
  | { readonly kind: 'text'; readonly raw: string }
  /** A C0 control byte (Enter, Tab, Backspace, Ctrl-letter) or DEL; `raw` is "\r\n" for CR LF (one Enter). */
  | { readonly kind: 'control'; readonly raw: string; readonly code: number; readonly meta: boolean }
  /** ESC alone: the Escape key. */
  | { readonly kind: 'escape'; readonly raw: string }
  /** ESC then a printable character: Alt (Meta) with it. */
  | { readonly kind: 'meta'; readonly raw: string; readonly char: string }
  /** A control sequence: arrows, Home/End, PgUp/PgDn, Delete, the paste markers, and whatever else. */
  | { readonly kind: 'csi'; readonly raw: string; readonly params: string; readonly final: string; readonly meta: boolean }
  | { readonly kind: 'ss3'; readonly raw: string; readonly final: string; readonly meta: boolean }
  /** Bytes that are no key this program knows (a cut-off sequence, C1 controls). */
  | { readonly kind: 'unknown'; readonly raw: string };

const ESC = '\u001B';

const isParameter = (c: number) => c >= 0x30 && c <= 0x3f;
const isIntermediate = (c: number) => c >= 0x20 && c <= 0x2f;
const isFinal = (c: number) => c >= 0x40 && c <= 0x7e;
/** C0 controls, DEL and C1 controls: never part of a text run. */
const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);

/**
 * The CSI sequence starting at `at` (the "["); `final` is undefined when it is cut off or malformed, and
 * `end` is then where it stopped (a byte that cannot be in it starts the next token).
 */
function csiAt(s: string, at: number): { params: string; final: string | undefined; end: number } {
  // Linux console function keys (ESC [ [ A is F1): the second "[" stays in the parameters, so that no
  // arrow is taken for them.
  let i = s[at + 1] === '[' ? at + 2 : at + 1;
  while (i < s.length && isParameter(s.charCodeAt(i))) i++;
  const params = s.slice(at + 1, i);
  while (i < s.length && isIntermediate(s.charCodeAt(i))) i++;
  if (i >= s.length || !isFinal(s.charCodeAt(i))) return { params, final: undefined, end: i };
  return { params, final: s[i]!, end: i + 1 };
}

/** The sequence that starts with the ESC at `at`: its token and where the next one starts. */
function sequenceAt(s: string, at: number): { token: Token; end: number } {
  const next = s[at + 1];
  if (next === '[') {
    const csi = csiAt(s, at + 1);
    const raw = s.slice(at, csi.end);
    return { token: csi.final === undefined ? { kind: 'unknown', raw } : { kind: 'csi', raw, params: csi.params, final: csi.final, meta: false }, end: csi.end };
  }
  if (next === 'O') {
    if (at + 2 < s.length && isFinal(s.charCodeAt(at + 2))) return { token: { kind: 'ss3', raw: s.slice(at, at + 3), final: s[at + 2]!, meta: false }, end: at + 3 };
    return { token: { kind: 'meta', raw: s.slice(at, at + 2), char: 'O' }, end: at + 2 };
  }
  if (next === ESC) {
    // ESC ESC [ A is Alt with an arrow, as some terminals send it; ESC ESC otherwise is Esc pressed twice.
    const inner = s[at + 2] === '[' || s[at + 2] === 'O' ? sequenceAt(s, at + 1) : undefined;
    if (inner && (inner.token.kind === 'csi' || inner.token.kind === 'ss3')) return { token: { ...inner.token, raw: ESC + inner.token.raw, meta: true }, end: inner.end };
    return { token: { kind: 'escape', raw: ESC }, end: at + 1 };
  }
  if (next === undefined) return { token: { kind: 'escape', raw: ESC }, end: at + 1 };
  const code = s.codePointAt(at + 1)!;
  const char = String.fromCodePoint(code);
  const token: Token = isControl(code) ? { kind: 'control', raw: ESC + char, code, meta: true } : { kind: 'meta', raw: ESC + char, char };
  return { token, end: at + 1 + char.length };
}

/**
 * Cuts what a terminal sent into tokens, in order. Stateless: a sequence cut off at the end of `s` comes
 * out as 'unknown' or as Esc (Ink already holds back an ESC at the end of a read until the rest of its
 * sequence arrives, so what reaches here is whole).
 *
 * @example
 * tokenize('\x15ab\x1b[D\r') // control 0x15, text "ab", csi D, control 0x0d
 */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const code = s.codePointAt(i)!;
    let token: Token;
    if (code === 0x1b) {
      const found = sequenceAt(s, i);
      token = found.token;
      i = found.end;
    } else if (isControl(code)) {
      const crlf = code === 0x0d && s[i + 1] === '\n';
      token = code >= 0x80 ? { kind: 'unknown', raw: s[i]! } : { kind: 'control', raw: crlf ? '\r\n' : s[i]!, code, meta: false };
      i += token.raw.length;
    } else {
      // ESC (0x1b) is a control too: a run ends at the next sequence or control byte.
      let end = i;
      while (end < s.length && !isControl(s.codePointAt(end)!)) end += s.codePointAt(end)! > 0xffff ? 2 : 1;
      token = { kind: 'text', raw: s.slice(i, end) };
      i = end;
    }
    tokens.push(token);
  }
  return tokens;
}
