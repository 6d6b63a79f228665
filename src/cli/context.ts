import type { RandomBytes } from '../core/secrets/generate.js';
import type { Output } from './output.js';

/** Everything a command may know about the process, decided once in main.ts. */
export interface CliContext {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: Output;
  /** A person can answer questions: stdin and stderr are terminals and CI is not set. */
  readonly interactive: boolean;
  readonly stdin: NodeJS.ReadableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now: () => Date;
  readonly random: RandomBytes;
  readonly root: string;
  /** Loads Ink, React and the wizard's screens (bin: dist/ui.cjs with its code cache); undefined: import the sources. */
  readonly loadUi?: () => Promise<typeof import('../ui/ink/index.js')>;
}
