import { isatty } from 'node:tty';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
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
    out.out(MAIN_HELP);
    return 0;
  }
  if (first === '-V' || first === '--version') {
    const { toolVersion } = await import('./version.js');
    out.out(`${toolVersion(root)}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    out.out(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : MAIN_HELP);
    return topic && !COMMAND_HELP[topic] ? 2 : 0;
  }
  if (!COMMAND_HELP[first]) {
    out.err(`fieldstation: unknown command "${first}".\nRun \`fieldstation --help\` for the commands.\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    out.out(COMMAND_HELP[first] ?? MAIN_HELP);
    return 0;
  }
  const [{ cryptoRandom }, { runCommand }] = await Promise.all([import('../io/random.js'), loadCommands?.() ?? import('./run-command.js')]);
  const ctx: CliContext = {
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
    loadUi,
  };
  return runCommand(first, ctx);
}

const isCI = (env: NodeJS.ProcessEnv) => env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== '0' && env['CI'] !== 'false';
