import { CATALOG } from '../stacks/catalog.js';
import { commandHelp, isOperation, mainHelp } from './help.js';
import type { CliContext } from './context.js';
import type { RandomBytes } from '../core/secrets/generate.js';
import { writeSync } from 'node:fs';
import { createOutput, type Output } from './output.js';

/**
 * The composition root: the only place that reads process.*. It decides about the terminal once, picks
 * the command, and gives its exit code. `root` is the package folder (templates/, package.json). bin
 * passes the loaders: `loadCommand` gives a command from its own bundle (dist/cmd-<name>.cjs, with its
 * code cache), so `--help` loads nothing else; `loadUi` gives the Ink wizard's bundle (dist/ui.cjs);
 * `isatty` is node:tty's, loaded only when a command asks whether a person is there (loading it costs a
 * `plan` whose output goes to a file several milliseconds).
 */
export async function main(
  argv: readonly string[],
  root: string,
  loadCommand: (name: string) => { run(ctx: Omit<CliContext, 'stacks'>): Promise<number> },
  loadUi: CliContext['loadUi'],
  isatty: (fd: number) => boolean,
): Promise<number> {
  const out = createOutput(() => process.stdout, () => process.stderr, { out: 1, err: 2, writeSync: (fd, text) => writeAll(fd, text) });
  const code = await dispatch(argv, root, out, loadCommand, loadUi, isatty);
  // bin exits as soon as main resolves: what was written must have left the process by then.
  await out.drain();
  return code;
}

async function dispatch(
  argv: readonly string[],
  root: string,
  out: Output,
  loadCommand: (name: string) => { run(ctx: Omit<CliContext, 'stacks'>): Promise<number> },
  loadUi: CliContext['loadUi'],
  isatty: (fd: number) => boolean,
): Promise<number> {
  // A bare `fieldstation` is the wizard (which, without a terminal, says what to do instead).
  const [first = 'setup', ...rest] = argv;
  if (first === '-h' || first === '--help') {
    out.out(mainHelp(CATALOG));
    return 0;
  }
  if (first === '-V' || first === '--version') {
    const { toolVersion } = await import('./version.js');
    out.out(`${toolVersion(root)}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    const help = topic === undefined ? undefined : commandHelp(topic, CATALOG);
    out.out(help ?? mainHelp(CATALOG));
    return topic && help === undefined ? 2 : 0;
  }
  const help = commandHelp(first, CATALOG);
  if (help === undefined) {
    out.err(`fieldstation: unknown command "${first}".\nRun \`fieldstation --help\` for the commands.\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    out.out(help);
    return 0;
  }
  // A server's operation (geoip-swap) runs in the operate command, which is told its name first.
  const operation = isOperation(first, CATALOG);
  const [random, command] = await Promise.all([randomSource(), loadCommand(operation ? 'operate' : first)]);
  const ctx: Omit<CliContext, 'stacks'> = {
    args: operation ? [first, ...rest] : rest,
    env: process.env,
    cwd: process.cwd(),
    out,
    // isatty(0), not process.stdin.isTTY: touching process.stdin builds a stream (milliseconds) that most
    // commands never read. Asked only by the commands that may ask a question.
    get interactive() {
      return isatty(0) && isatty(2) && !isCI(process.env);
    },
    get stdoutIsTerminal() {
      return isatty(1);
    },
    get stdin() {
      return process.stdin;
    },
    get stderr() {
      return process.stderr;
    },
    now: () => new Date(),
    random,
    root,
    process: { pid: process.pid, uid: process.getuid?.(), groups: process.getgroups?.() ?? [] },
    loadUi,
  };
  return command.run(ctx);
}

/**
 * node:crypto's CSPRNG. Where node can hand out a built-in module synchronously (20.16 and later), it is
 * loaded at the first draw, so commands that draw nothing do not pay the milliseconds it takes to load.
 */
async function randomSource(): Promise<RandomBytes> {
  const getBuiltin = (process as { getBuiltinModule?: (id: 'node:crypto') => typeof import('node:crypto') }).getBuiltinModule;
  if (getBuiltin) return (await import('../io/lazy-random.js')).lazyCryptoRandom(() => getBuiltin.call(process, 'node:crypto'));
  return (await import('../io/random.js')).cryptoRandom;
}

const isCI = (env: NodeJS.ProcessEnv) => env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== '0' && env['CI'] !== 'false';

/** The whole text to a file descriptor (writeSync may write part of it: a full pipe, a slow terminal). */
function writeAll(fd: number, text: string): void {
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
}
