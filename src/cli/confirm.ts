import { createInterface } from 'node:readline';
import { typedBack } from '../core/run/consent.js';
import type { CliContext } from './context.js';

/** One line typed on the terminal; the end of the input (a closed terminal) is an empty answer. */
async function ask(ctx: Pick<CliContext, 'stdin' | 'stderr'>, question: string): Promise<string> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    // 'line' comes before 'close' when the last line is followed by the end of the input.
    const answer = new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    rl.setPrompt(question);
    rl.prompt();
    return await answer;
  } finally {
    rl.close();
  }
}

/** A yes/no question on the terminal; anything but y/yes is no. Only called when a person can answer. */
export async function confirm(ctx: Pick<CliContext, 'stdin' | 'stderr'>, question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await ask(ctx, `${question} [y/N] `)).trim());
}

/**
 * A confirmation that names what it is about: true only when `expected` is typed back exactly (spaces
 * around it aside). A yes is not enough where the person must say which thing they mean (a disk to erase).
 */
export async function confirmTyped(ctx: Pick<CliContext, 'stdin' | 'stderr'>, question: string, expected: string): Promise<boolean> {
  return typedBack(await ask(ctx, question), expected);
}
