import type { StackEntry } from '../app/ports.js';
import type { RandomBytes } from '../core/secrets/generate.js';
import type { MachineOptions } from '../io/machine.js';
import type { Output } from './output.js';

/** Everything a command may know about the process, decided once in main.ts. */
export interface CliContext {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: Output;
  /** A person can answer questions: stdin and stderr are terminals and CI is not set. */
  readonly interactive: boolean;
  /** stdout is a terminal (not a file or pipe that may be kept): a secret shown once may go there. */
  readonly stdoutIsTerminal: boolean;
  readonly stdin: NodeJS.ReadableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now: () => Date;
  readonly random: RandomBytes;
  /** The package folder: templates/, examples/, package.json. */
  readonly root: string;
  /** This process: its pid (for the lock) and who it runs as (for the privileges check). */
  readonly process: { readonly pid: number; readonly uid: number | undefined; readonly groups: readonly number[] };
  /** The registered servers (src/stacks); tests add their own. */
  readonly stacks: readonly StackEntry[];
  /** Tests: what the machine's checks must not take from the network or the host (name lookups, addresses). */
  readonly machine?: Partial<Omit<MachineOptions, 'env' | 'uid' | 'groups'>>;
  /** Tests: where absolute file targets really go (default /), so a real install elsewhere never counts. */
  readonly hostRoot?: string;
  /** Loads Ink, React and the wizard's screens (bin: dist/ui.cjs with its code cache); undefined: import the sources. */
  readonly loadUi?: () => Promise<typeof import('../ui/ink/index.js')>;
}
