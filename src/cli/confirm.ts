import { createInterface } from 'node:readline/promises';
import type { CliContext } from './context.js';

/** A yes/no question on the terminal; anything but y/yes is no. Only called when a person can answer. */
export async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
