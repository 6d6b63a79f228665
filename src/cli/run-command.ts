import type { CliContext } from './context.js';
import { reportError } from './report-error.js';
import { STACKS } from '../stacks/index.js';

/**
 * Every command, in the bundle main.ts loads only when a command runs (not for --help). Each command's
 * code is evaluated only when it runs, so `plan` does not pay for what only `apply` or `setup` use.
 * Outcomes are reported here, beside the error classes they are checked against.
 */
const COMMANDS: Readonly<Record<string, () => Promise<(ctx: CliContext) => Promise<number>>>> = {
  setup: async () => (await import('./commands/setup.js')).setup,
  validate: async () => (await import('./commands/validate.js')).validate,
  plan: async () => (await import('./commands/plan.js')).plan,
  apply: async () => (await import('./commands/apply.js')).apply,
  resume: async () => (await import('./commands/resume.js')).resume,
  doctor: async () => (await import('./commands/doctor.js')).doctor,
  questions: async () => (await import('./commands/questions.js')).questions,
  schema: async () => (await import('./commands/schema.js')).schema,
};

/** Runs a command with the registered servers (tests may pass their own in `ctx.stacks`). */
export async function runCommand(name: string, ctx: Omit<CliContext, 'stacks'> & { readonly stacks?: CliContext['stacks'] }): Promise<number> {
  try {
    const load = COMMANDS[name];
    if (!load) throw new Error(`command ${name} has help but no implementation`);
    return await (await load())({ ...ctx, stacks: ctx.stacks ?? STACKS });
  } catch (error) {
    return reportError(error, ctx.out);
  }
}
