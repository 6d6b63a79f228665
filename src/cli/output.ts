import type { Problem } from '../core/errors.js';

/** Where the CLI writes: stdout for results, stderr for everything else. Every write is masked. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /**
   * Writes to stdout without masking: only for a secret shown once on purpose (participant codes, see
   * ShownOnce), and only when stdout is a terminal, never a file or pipe that may be kept.
   */
  reveal(text: string): void;
  /** Registers the masker once secrets are known; from then on nothing prints them. */
  setMask(mask: (text: string) => string): void;
  /** Resolves once everything written has left the process (a stream to a pipe writes later). */
  drain(): Promise<void>;
}

/**
 * Writes that never throw: after a dropped SSH session or a closed pipe the terminal is gone (EIO,
 * EPIPE), and the program must still finish its journal and log instead of dying on a write.
 */
export function createOutput(stdout: NodeJS.WritableStream | (() => NodeJS.WritableStream), stderr: NodeJS.WritableStream | (() => NodeJS.WritableStream), fds?: { readonly out: number; readonly err: number; readonly writeSync: (fd: number, text: string) => void }): Output {
  let mask = (text: string) => text;
  const sink = (target: NodeJS.WritableStream | (() => NodeJS.WritableStream), fd: number | undefined) => {
    let gone = false;
    let stream: NodeJS.WritableStream | undefined;
    const viaStream = (text: string) => {
      if (!stream) {
        stream = typeof target === 'function' ? target() : target;
        stream.on('error', () => {
          gone = true;
        });
      }
      stream.write(text);
    };
    const write = (text: string, raw = false) => {
      if (gone) return;
      const masked = raw ? text : mask(text);
      try {
        // Straight to the file descriptor while it takes whole writes: node's stream machinery (and for a
        // terminal, node:tty) is built only if a write would block. From then on everything goes through
        // the stream, so the order of what was written is kept.
        if (fd !== undefined && fds && !stream) {
          try {
            fds.writeSync(fd, masked);
            return;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          }
        }
        viaStream(masked);
      } catch {
        gone = true;
      }
    };
    const drain = () =>
      new Promise<void>((done) => {
        const s = stream as (NodeJS.WritableStream & { writableLength?: number }) | undefined;
        if (gone || !s || !s.writableLength) return done();
        s.once('drain', done);
        s.once('error', done);
        s.once('close', done);
      });
    return { write, drain };
  };
  const stdoutSink = sink(stdout, fds?.out);
  const stderrSink = sink(stderr, fds?.err);
  const out = (text: string) => stdoutSink.write(text);
  const err = (text: string) => stderrSink.write(text);
  return {
    out,
    err,
    reveal: (text) => stdoutSink.write(text, true),
    setMask: (m) => {
      mask = m;
    },
    drain: async () => {
      await Promise.all([stdoutSink.drain(), stderrSink.drain()]);
    },
  };
}

/** Problems as people read them: error/warning, key (line): what is wrong, then the fix. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = p.path === '' ? (p.line ? `line ${p.line}` : 'file') : `${p.path}${p.line ? ` (line ${p.line})` : ''}`;
      return `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}: ${p.message}${p.fix ? `\n          fix: ${p.fix}` : ''}`;
    })
    .join('\n');
}
