import { isatty } from 'node:tty';
import { CATALOG } from '../stacks/catalog.js';
import { commandHelp, mainHelp } from './help.js';
import type { CliContext } from './context.js';
import { createOutput } from './output.js';

/**
 * The composition root: the only place that reads process.*. It decides about the terminal once, picks
 * the command, and gives its exit code. Commands are loaded lazily (dist/commands.cjs, by bin with its
 * code cache), so `--help` loads nothing else. `root` is the package folder (templates/, package.json).
 * `loadUi` loads the Ink wizard's bundle (dist/ui.cjs, by bin); without it (tests) setup imports the sources.
 */
export async function main(
  argv: readonly string[],
  root: string,
  loadCommands?: () => typeof import('./run-command.js'),
  loadUi?: CliContext['loadUi'],
): Promise<number> {
  const out = createOutput(process.stdout, process.stderr);
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
  const [{ cryptoRandom }, { runCommand }] = await Promise.all([import('../io/random.js'), loadCommands?.() ?? import('./run-command.js')]);
  const ctx: Omit<CliContext, 'stacks'> = {
    args: rest,
    env: process.env,
    cwd: process.cwd(),
    out,
    // isatty(0), not process.stdin.isTTY: touching process.stdin builds a stream (milliseconds) that most
    // commands never read.
    interactive: isatty(0) && isatty(2) && !isCI(process.env),
    get stdin() {
      return process.stdin;
    },
    stderr: process.stderr,
    now: () => new Date(),
    random: cryptoRandom,
    root,
    process: { pid: process.pid, uid: process.getuid?.(), groups: process.getgroups?.() ?? [] },
    loadUi,
  };
  return runCommand(first, ctx);
}

const isCI = (env: NodeJS.ProcessEnv) => env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== '0' && env['CI'] !== 'false';
