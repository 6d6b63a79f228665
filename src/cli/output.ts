import type { Problem } from '../core/errors.js';

/** Where the CLI writes: stdout for results, stderr for everything else. Every write is masked. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Registers the masker once secrets are known; from then on nothing prints them. */
  setMask(mask: (text: string) => string): void;
}

/**
 * Writes that never throw: after a dropped SSH session or a closed pipe the terminal is gone (EIO,
 * EPIPE), and the program must still finish its journal and log instead of dying on a write.
 */
export function createOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  let mask = (text: string) => text;
  const sink = (stream: NodeJS.WritableStream) => {
    let gone = false;
    stream.on('error', () => {
      gone = true;
    });
    return (text: string) => {
      if (gone) return;
      try {
        stream.write(mask(text));
      } catch {
        gone = true;
      }
    };
  };
  const out = sink(stdout);
  const err = sink(stderr);
  return {
    out,
    err,
    setMask: (m) => {
      mask = m;
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
