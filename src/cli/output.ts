import type { Problem } from '../core/errors.js';

/** Where the CLI writes: stdout for results, stderr for everything else. Every write is masked. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Registers the masker once secrets are known; from then on nothing prints them. */
  setMask(mask: (text: string) => string): void;
}

export function createOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  let mask = (text: string) => text;
  return {
    out: (text) => void stdout.write(mask(text)),
    err: (text) => void stderr.write(mask(text)),
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
