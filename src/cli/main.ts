import { COMMAND_HELP, MAIN_HELP } from './help.js';
import type { CliContext } from './context.js';
import { createOutput } from './output.js';

/**
 * The composition root: the only place that reads process.*. It decides about the terminal once, picks
 * the command, and turns every outcome into an exit code. Commands load lazily so `--help` stays instant.
 */
type Command = (ctx: CliContext) => Promise<number>;
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./commands/validate.js')).validate,
  plan: async () => (await import('./commands/plan.js')).plan,
  apply: async () => (await import('./commands/apply.js')).apply,
  questions: async () => (await import('./commands/questions.js')).questions,
  schema: async () => (await import('./commands/schema.js')).schema,
};

async function main(argv: readonly string[]): Promise<number> {
  const out = createOutput(process.stdout, process.stderr);
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    (first === undefined ? out.err : out.out)(MAIN_HELP);
    return first === undefined ? 2 : 0;
  }
  if (first === '-V' || first === '--version') {
    const { packageRoot, toolVersion } = await import('./paths.js');
    out.out(`${toolVersion(packageRoot())}\n`);
    return 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    out.out(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : MAIN_HELP);
    return topic && !COMMAND_HELP[topic] ? 2 : 0;
  }
  const load = commands[first];
  if (!load) {
    out.err(`fieldstation: unknown command "${first}".\nRun \`fieldstation --help\` for the commands.\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    out.out(COMMAND_HELP[first] ?? MAIN_HELP);
    return 0;
  }
  const [{ packageRoot }, { cryptoRandom }] = await Promise.all([import('./paths.js'), import('../io/random.js')]);
  const ctx: CliContext = {
    args: rest,
    env: process.env,
    cwd: process.cwd(),
    out,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY) && !isCI(process.env),
    stdin: process.stdin,
    stderr: process.stderr,
    now: () => new Date(),
    random: cryptoRandom,
    root: packageRoot(),
  };
  try {
    return await (await load())(ctx);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    return reportError(error, out);
  }
}

const isCI = (env: NodeJS.ProcessEnv) => env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== '0' && env['CI'] !== 'false';

// A closed pipe (e.g. `fieldstation plan | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
