import { apply } from './commands/apply.js';
import { doctor } from './commands/doctor.js';
import { plan } from './commands/plan.js';
import { questions } from './commands/questions.js';
import { resume } from './commands/resume.js';
import { schema } from './commands/schema.js';
import { validate } from './commands/validate.js';
import type { CliContext } from './context.js';
import { reportError } from './report-error.js';

/**
 * Every command in one module, loaded by main.ts only when a command runs (not for --help): one file
 * instead of one per command, since each extra module costs a read and a link step at start-up.
 * Outcomes are reported here, beside the error classes they are checked against.
 */
const COMMANDS: Readonly<Record<string, (ctx: CliContext) => Promise<number>>> = { validate, plan, apply, resume, doctor, questions, schema };

export async function runCommand(name: string, ctx: CliContext): Promise<number> {
  try {
    const command = COMMANDS[name];
    if (!command) throw new Error(`command ${name} has help but no implementation`);
    return await command(ctx);
  } catch (error) {
    return reportError(error, ctx.out);
  }
}
