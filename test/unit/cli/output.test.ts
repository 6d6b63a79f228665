import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../../src/cli/output.js';

/** A stream that records what reaches it, and may hold writes back (a full pipe). */
function recorder(slow = false) {
  const chunks: string[] = [];
  let release: (() => void) | undefined;
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      if (slow) release = done;
      else done();
    },
  });
  return { stream, chunks, release: () => release?.() };
}

describe('the CLI\'s output', () => {
  it('writes straight to the file descriptor, masked, without building a stream', () => {
    const written: [number, string][] = [];
    let built = 0;
    const out = createOutput(() => (built++, recorder().stream), () => (built++, recorder().stream), { out: 1, err: 2, writeSync: (fd, text) => void written.push([fd, text]) });
    out.setMask((t) => t.replace('hunter2', '[masked:pw]'));
    out.out('plan\n');
    out.err('pw hunter2\n');
    expect(written).toEqual([[1, 'plan\n'], [2, 'pw [masked:pw]\n']]);
    expect(built).toBe(0);
  });

  it('goes on through the stream once a write would block, keeping the order, and drains before the end', async () => {
    const sink = recorder(true);
    let calls = 0;
    const out = createOutput(() => sink.stream, () => recorder().stream, {
      out: 1,
      err: 2,
      writeSync: (_fd, text) => {
        if (++calls >= 2) throw Object.assign(new Error('would block'), { code: 'EAGAIN' });
        sink.chunks.push(`fd:${text}`);
      },
    });
    out.out('one\n');
    out.out('two\n');
    out.out('three\n');
    expect(calls).toBe(2); // after the first EAGAIN the descriptor is not tried again
    let drained = false;
    const drain = out.drain().then(() => (drained = true));
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    for (let i = 0; i < 3; i++) {
      sink.release();
      await new Promise((r) => setImmediate(r));
    }
    await drain;
    expect(sink.chunks).toEqual(['fd:one\n', 'two\n', 'three\n']);
  });

  it('never throws once the terminal is gone (a dropped SSH session, a closed pipe)', () => {
    const out = createOutput(() => recorder().stream, () => recorder().stream, { out: 1, err: 2, writeSync: () => { throw Object.assign(new Error('gone'), { code: 'EPIPE' }); } });
    expect(() => out.out('x\n')).not.toThrow();
    expect(() => out.err('y\n')).not.toThrow();
  });
});
