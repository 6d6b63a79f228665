import { Readable, Writable } from 'node:stream';
import type { StackEntry } from '../../src/app/ports.js';
import type { CliContext } from '../../src/cli/context.js';
import { createOutput } from '../../src/cli/output.js';
import { runCommand } from '../../src/cli/run-command.js';
import { cryptoRandom } from '../../src/io/random.js';
import { ROOT } from './cli.js';

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command as bin would, in this process: its exit code, or its error reported with one, with
 * stdout and stderr captured. The servers are the test's own (`stacks`), and the machine's network facts
 * may be the test's too (`machine`): what the built CLI cannot be given from outside.
 */
export async function runInProcess(
  args: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd: string;
    stacks: readonly StackEntry[];
    machine?: CliContext['machine'];
    hostRoot?: string;
    /** A person at a terminal, typing these lines when asked (default: no terminal, nothing typed). */
    typed?: readonly string[];
  },
): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (add(String(chunk)), done()) });
  const errStream = sink((s) => (stderr += s));
  const out = createOutput(sink((s) => (stdout += s)), errStream);
  const [name = 'setup', ...rest] = args;
  const status = await runCommand(name, {
    args: rest,
    env: options.env ?? { PATH: process.env['PATH'] },
    cwd: options.cwd,
    out,
    interactive: options.typed !== undefined,
    stdoutIsTerminal: options.typed !== undefined,
    stdin: Readable.from(options.typed ?? []),
    stderr: errStream,
    now: () => new Date(),
    random: cryptoRandom,
    root: ROOT,
    process: { pid: process.pid, uid: process.getuid?.(), groups: process.getgroups?.() ?? [] },
    stacks: options.stacks,
    ...(options.machine ? { machine: options.machine } : {}),
    ...(options.hostRoot ? { hostRoot: options.hostRoot } : {}),
  });
  return { status, stdout, stderr };
}
