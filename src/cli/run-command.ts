import type { CliContext } from './context.js';
import { runWith, type Command } from './run-with.js';

/** Every command, by name, loaded when it runs: the build makes one bundle of each (see scripts/build.mjs). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  setup: async () => (await import('./commands/setup.js')).setup,
  validate: async () => (await import('./commands/validate.js')).validate,
  plan: async () => (await import('./commands/plan.js')).plan,
  apply: async () => (await import('./commands/apply.js')).apply,
  resume: async () => (await import('./commands/resume.js')).resume,
  doctor: async () => (await import('./commands/doctor.js')).doctor,
  questions: async () => (await import('./commands/questions.js')).questions,
  schema: async () => (await import('./commands/schema.js')).schema,
};

/** Runs a command from the sources (the tests): the bin runs each from its own bundle instead. */
export async function runCommand(name: string, ctx: Omit<CliContext, 'stacks'> & { readonly stacks?: CliContext['stacks'] }): Promise<number> {
  const load = COMMANDS[name];
  if (!load) return runWith(() => Promise.reject(new Error(`command ${name} has help but no implementation`)), ctx);
  return runWith(await load(), ctx);
}
