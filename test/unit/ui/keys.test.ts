import { describe, expect, it } from 'vitest';
import { createKeyBus } from '../../../src/ui/ink/key-bus.js';
import { tokenize } from '../../../src/ui/ink/key-tokens.js';
import { createKeyReader, NO_KEY, pastedText, type Key } from '../../../src/ui/ink/keys.js';
import { boundaries, editText, initialText, type TextState } from '../../../src/ui/ink/text-editing.js';

const ESC = '\u001B';
const key = (k: Partial<Key> = {}): Key => ({ ...NO_KEY, ...k });

/** The keys a chunk stands for, each named as a person would say it. */
function named(...chunks: string[]): string[] {
  const reader = createKeyReader();
  return chunks.flatMap((c) => reader.push(c)).map(({ input, key: k }) => {
    const mods = `${k.ctrl ? 'Ctrl-' : ''}${k.meta ? 'Alt-' : ''}${k.shift && !k.tab ? 'Shift-' : ''}`;
    const which = Object.entries({ Up: k.upArrow, Down: k.downArrow, Left: k.leftArrow, Right: k.rightArrow, PgUp: k.pageUp, PgDn: k.pageDown, Home: k.home, End: k.end, Enter: k.return, Esc: k.escape, Tab: k.tab && !k.shift, 'Shift-Tab': k.tab && k.shift, Backspace: k.backspace, Delete: k.delete }).find(([, on]) => on)?.[0];
    if (k.paste) return `paste:${JSON.stringify(input)}`;
    return mods + (which ?? input);
  });
}

describe('cutting what the terminal sent into tokens', () => {
  it('keeps every byte, in order: text runs, control bytes, CSI and SS3 sequences with parameters', () => {
    const chunk = `ab\u0015${ESC}[1;5C${ESC}OA\r\n${ESC}[200~x${ESC}[201~é日${ESC}x${ESC}`;
    const tokens = tokenize(chunk);
    expect(tokens.map((t) => t.raw).join('')).toBe(chunk);
    expect(tokens.map((t) => t.kind)).toEqual(['text', 'control', 'csi', 'ss3', 'control', 'csi', 'text', 'csi', 'text', 'meta', 'escape']);
    expect(tokens[2]).toMatchObject({ params: '1;5', final: 'C' });
    expect(tokens[4]).toMatchObject({ raw: '\r\n', code: 0x0d });
  });

  it('takes a cut-off or malformed sequence as unknown, and the byte that broke it as the next token', () => {
    expect(tokenize(`${ESC}[1;`).map((t) => t.kind)).toEqual(['unknown']);
    expect(tokenize(`${ESC}[1\u0015`).map((t) => [t.kind, t.raw])).toEqual([['unknown', `${ESC}[1`], ['control', '\u0015']]);
    expect(tokenize(`${ESC}${ESC}`).map((t) => t.kind)).toEqual(['escape', 'escape']);
    expect(tokenize(`${ESC}${ESC}[A`).map((t) => [t.kind, 'meta' in t && t.meta])).toEqual([['csi', true]]);
  });
});

describe('keys from a burst', () => {
  it('is every key of it, in order (a slow link delivers several in one read)', () => {
    expect(named('\u0015/tmp/x\r')).toEqual(['Ctrl-u', '/', 't', 'm', 'p', '/', 'x', 'Enter']);
    expect(named('ab\u007f\u007fc\u0017d\u0008')).toEqual(['a', 'b', 'Backspace', 'Backspace', 'c', 'Ctrl-w', 'd', 'Backspace']);
    expect(named(`x${ESC}[D${ESC}[3~${ESC}[H${ESC}[F${ESC}[1~${ESC}[4~${ESC}OH${ESC}OF`)).toEqual(['x', 'Left', 'Delete', 'Home', 'End', 'Home', 'End', 'Home', 'End']);
    expect(named(`${ESC}[A${ESC}OB${ESC}[5~${ESC}[6~\t${ESC}[Z${ESC}`)).toEqual(['Up', 'Down', 'PgUp', 'PgDn', 'Tab', 'Shift-Tab', 'Esc']);
  });

  it('reads Ctrl-J (a lone line feed) and CR LF as one Enter each, and Ctrl-C as Ctrl-c', () => {
    expect(named('a\nb\r\nc\r\r\u0003')).toEqual(['a', 'Enter', 'b', 'Enter', 'c', 'Enter', 'Enter', 'Ctrl-c']);
  });

  it('gives modifiers, Alt keys, and one key per character as people see it', () => {
    expect(named(`${ESC}[1;5C${ESC}[1;2D${ESC}b${ESC}\u007f`)).toEqual(['Ctrl-Right', 'Shift-Left', 'Alt-b', 'Alt-Backspace']);
    expect(named('é👍🏽日')).toEqual(['é', '👍🏽', '日']);
  });

  it('drops keys the wizard has no use for (function keys, focus reports, C1 bytes)', () => {
    expect(named(`${ESC}OP${ESC}[15~${ESC}[I${ESC}[[A\u0085a`)).toEqual(['a']);
  });
});

describe('a bracketed paste', () => {
  it('is one key with its text, even when it holds Enter or comes in several chunks', () => {
    expect(named(`${ESC}[200~  /srv/data\r\n${ESC}[201~\r`)).toEqual(['paste:"/srv/data"', 'Enter']);
    expect(named(`${ESC}[200~`, 'one\rtwo', `${ESC}[A`, `${ESC}[201~`, 'x')).toEqual(['paste:"one two"', 'x']);
    // Nothing left once trimmed: no key at all.
    expect(named(`${ESC}[200~ \n ${ESC}[201~`)).toEqual([]);
  });

  it('keeps one line of printable text: tabs and line breaks become spaces, escape codes go', () => {
    expect(pastedText(`\ta\tb\r\n${ESC}[31mc${ESC}[0m\u0007 `)).toBe('a b c');
  });
});

describe('the key bus', () => {
  it('holds the keys after a hand-on until release, lets the app take keys first, and drops keys nobody wants', () => {
    const seen: string[] = [];
    let holds = 0;
    const bus = createKeyBus({ intercept: (input) => input === 'q', onHold: () => holds++ });
    const field = { current: (input: string, k: Key) => { seen.push(k.return ? 'Enter' : input); if (k.return) bus.hold(); } };
    bus.deliver('lost');
    const unsubscribe = bus.subscribe(field);
    bus.deliver('ab\rq\rcd\r');
    expect([seen, holds]).toEqual([['a', 'b', 'Enter'], 1]);
    bus.release();
    expect(seen).toEqual(['a', 'b', 'Enter', 'Enter']);
    bus.release();
    expect(seen).toEqual(['a', 'b', 'Enter', 'Enter', 'c', 'd', 'Enter']);
    unsubscribe();
    bus.release();
    bus.deliver('x');
    expect(seen).toHaveLength(7);
  });
});

/** Applies each key of the chunks to the field in turn, as TextInput does. */
function typeInto(s: TextState, ...chunks: string[]): TextState {
  const reader = createKeyReader();
  for (const { input, key: k } of chunks.flatMap((c) => reader.push(c))) s = editText(s, input, k, false).state;
  return s;
}

describe('editing a field', () => {
  it('applies a burst to the latest text: Ctrl-U then a path replaces the default, it is not appended', () => {
    expect(typeInto(initialText('/srv/beacon'), '\u0015/tmp/x').value).toBe('/tmp/x');
    expect(typeInto(initialText('/srv/beacon'), '\u007f\u007f\u007f\u007f\u007f\u007fdata').value).toBe('/srv/data');
    expect(typeInto(initialText('one two'), '\u0017three').value).toBe('one three');
  });

  it('edits at the cursor: Backspace deletes before it, Delete under it, Home/End and the arrows move it', () => {
    const s = typeInto(initialText('beacon.org'), `${ESC}[D${ESC}[D${ESC}[D${ESC}[D.example`);
    expect(s).toMatchObject({ value: 'beacon.example.org', cursor: 14 });
    expect(typeInto(s, '\u007f').value).toBe('beacon.exampl.org');
    expect(typeInto(s, `${ESC}[3~`).value).toBe('beacon.exampleorg');
    expect(typeInto(s, `${ESC}[Hx${ESC}[Fy`).value).toBe('xbeacon.example.orgy');
    expect(typeInto(s, `${ESC}b`)).toBe(s);
  });

  it('moves and deletes by whole characters: an emoji or an accented letter is one step', () => {
    const s = typeInto(initialText(''), 'ae\u0301👍🏽z');
    expect(boundaries(s.value)).toEqual([0, 1, 3, 7, 8]);
    expect(typeInto(s, `${ESC}[D\u007f`).value).toBe('ae\u0301z');
    expect(typeInto(s, `${ESC}[D${ESC}[D${ESC}[D${ESC}[3~`).value).toBe('a👍🏽z');
  });

  it('inserts a paste as text: a ? in it is not the help, its line break does not submit', () => {
    expect(editText(initialText(''), '?x', key({ paste: true }), false)).toEqual({ state: { value: '?x', cursor: 2, touched: true } });
    expect(editText(initialText(''), '?', key(), false).action).toBe('help');
    expect(editText(initialText('a'), 'a', key({ paste: true }), false).action).toBeUndefined();
  });

  it('reads ? as the help only on an empty or untouched field, and never in a masked one', () => {
    expect(editText(initialText('/opt/x'), '?', key(), false).action).toBe('help');
    expect(editText(typeInto(initialText(''), 'a'), '?', key(), false).state).toEqual({ value: 'a?', cursor: 2, touched: true });
    expect(editText(initialText(''), '?', key(), true).state.value).toBe('?');
  });

  it('keeps one line of printable text', () => {
    expect(editText(initialText(''), 'a\tb\u0007c', key(), false).state.value).toBe('abc');
  });
});
