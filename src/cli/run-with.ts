import { STACKS } from '../stacks/index.js';
import type { CliContext } from './context.js';
import { reportError } from './report-error.js';

export type Command = (ctx: CliContext) => Promise<number>;

/**
 * Runs one command with the registered servers (tests may pass their own in `ctx.stacks`), and reports
 * its outcome here, beside the error classes it is checked against. Each command's bundle
 * (dist/cmd-<name>.cjs) is this and the command, nothing else.
 */
export async function runWith(command: Command, ctx: Omit<CliContext, 'stacks'> & { readonly stacks?: CliContext['stacks'] }): Promise<number> {
  try {
    // Copied with its property descriptors, not spread: a spread would call ctx's lazy getters (whether a
    // person is at the terminal, stdin), which load node:tty, net and the stream machinery for nothing.
    const full = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(ctx), stacks: { value: ctx.stacks ?? STACKS, enumerable: true } }) as CliContext;
    return await command(full);
  } catch (error) {
    return reportError(error, ctx.out);
  }
}
