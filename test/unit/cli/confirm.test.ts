import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm, confirmTyped } from '../../../src/cli/confirm.js';

/** A terminal stand-in: what is typed (lines, or a stream to type into later) and what the question printed. */
function terminal(typed: readonly string[] | Readable) {
  let shown = '';
  const stderr = new Writable({ write: (chunk, _enc, done) => ((shown += String(chunk)), done()) });
  return { ctx: { stdin: Array.isArray(typed) ? Readable.from(typed) : (typed as Readable), stderr }, shown: () => shown };
}

describe('the typed confirmation', () => {
  it('is true only for the expected text typed back, spaces around it aside', async () => {
    const t = terminal(['/dev/vdb\n']);
    expect(await confirmTyped(t.ctx, 'Type the device path (/dev/vdb): ', '/dev/vdb')).toBe(true);
    expect(t.shown()).toBe('Type the device path (/dev/vdb): ');
    expect(await confirmTyped(terminal(['  /dev/vdb \n']).ctx, '? ', '/dev/vdb')).toBe(true);
  });

  it('is false for anything else: a yes, another device, a prefix, nothing', async () => {
    for (const typed of ['y\n', 'yes\n', '/dev/vdc\n', '/dev/vd\n', '/dev/vdb1\n', '\n', 'vdb\n']) expect(await confirmTyped(terminal([typed]).ctx, '? ', '/dev/vdb'), typed).toBe(false);
  });

  it('is false when the terminal goes away before a line is typed', async () => {
    expect(await confirmTyped(terminal([]).ctx, '? ', '/dev/vdb')).toBe(false);
    expect(await confirmTyped(terminal(['/dev/vdb']).ctx, '? ', '/dev/vdb')).toBe(true);
  });

  it('waits for the line to be typed', async () => {
    const input = new PassThrough();
    const answer = confirmTyped(terminal(input).ctx, '? ', '/dev/vdb');
    setTimeout(() => input.write('/dev/'), 10);
    setTimeout(() => input.write('vdb\n'), 30);
    expect(await answer).toBe(true);
  });
});

describe('the yes/no confirmation', () => {
  it('is true for y or yes only', async () => {
    const t = terminal(['y\n']);
    expect(await confirm(t.ctx, 'Run it?')).toBe(true);
    expect(t.shown()).toBe('Run it? [y/N] ');
    expect(await confirm(terminal(['YES\n']).ctx, 'Run it?')).toBe(true);
    for (const typed of ['\n', 'n\n', 'yess\n']) expect(await confirm(terminal([typed]).ctx, 'Run it?')).toBe(false);
    expect(await confirm(terminal([]).ctx, 'Run it?')).toBe(false);
  });
});
