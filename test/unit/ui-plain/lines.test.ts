import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLineReader, edited, PromptCancelled, PromptWithdrawn, typedText } from '../../../src/ui/plain/lines.js';

describe("line mode's reader", () => {
  it('edits a line typed in raw mode as the terminal would: Backspace, Ctrl-U, Ctrl-W; arrow keys dropped', () => {
    expect(edited('secrett\x7f')).toBe('secret');
    expect(edited('abc\b\bd')).toBe('ad');
    expect(edited('wrong\x15right')).toBe('right');
    expect(edited('one two\x17three')).toBe('one three');
    expect(edited('a\x1b[Db\x1b[A\x1bOBc\x01')).toBe('abc');
  });

  it('sees a line of arrow keys or Esc alone as no answer at all, and drops them from a typed answer', () => {
    expect(typedText('\x1b[A')).toEqual({ text: '', keysOnly: true });
    expect(typedText('\x1b')).toEqual({ text: '', keysOnly: true });
    expect(typedText('north\x1b[C-ridge')).toEqual({ text: 'north-ridge', keysOnly: false });
    expect(typedText('')).toEqual({ text: '', keysOnly: false });
  });

  it('keeps the lines typed before they are asked for, and the ones before the end of the input', async () => {
    const input = new PassThrough();
    const reader = createLineReader(input);
    input.end('first\r\nsecond\rthird\n');
    expect(await reader.read({ hidden: false })).toEqual({ text: 'first', shown: false });
    expect(await reader.read({ hidden: true })).toEqual({ text: 'second', shown: false });
    expect(await reader.read({ hidden: false })).toEqual({ text: 'third', shown: false });
    await expect(reader.read({ hidden: false })).rejects.toBeInstanceOf(PromptCancelled);
    reader.close();
  });

  it('withdraws one read when its question is no longer asked: the next read takes the next line', async () => {
    const input = new PassThrough();
    const reader = createLineReader(input);
    const withdrawn = new AbortController();
    const pending = reader.read({ hidden: false, withdrawn: withdrawn.signal });
    withdrawn.abort();
    await expect(pending).rejects.toBeInstanceOf(PromptWithdrawn);
    await expect(reader.read({ hidden: false, withdrawn: withdrawn.signal })).rejects.toBeInstanceOf(PromptWithdrawn);
    input.write('later\n');
    expect(await reader.read({ hidden: false })).toEqual({ text: 'later', shown: false });
    reader.close();
  });

  it('forgets the lines typed ahead when asked, saying how many', async () => {
    const input = new PassThrough();
    const reader = createLineReader(input);
    input.write('one\ntwo\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reader.discardTypedAhead()).toBe(2);
    expect(reader.discardTypedAhead()).toBe(0);
    const next = reader.read({ hidden: false });
    input.write('three\n');
    expect(await next).toEqual({ text: 'three', shown: false });
    reader.close();
  });

  it('cancels on Ctrl-C, or on the signal; while steps run Ctrl-C goes to the runner instead', async () => {
    const input = new PassThrough();
    const stop = new AbortController();
    const reader = createLineReader(input, stop.signal);
    let stops = 0;
    const done = reader.whileRunning(() => stops++);
    input.write('\x03');
    expect(stops).toBe(1);
    done();
    const waiting = reader.read({ hidden: false });
    input.write('ans\x03');
    await expect(waiting).rejects.toBeInstanceOf(PromptCancelled);
    reader.close();

    const other = createLineReader(new PassThrough(), stop.signal);
    const pending = other.read({ hidden: false });
    stop.abort();
    await expect(pending).rejects.toBeInstanceOf(PromptCancelled);
    other.close();
  });
});
