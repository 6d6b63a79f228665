import { answersJsonSchema } from '../../core/answers/json-schema.js';
import type { Stack } from '../../core/stack.js';
import { loadStack, STACK_IDS } from '../../stacks/index.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';

export async function schema(ctx: CliContext): Promise<number> {
  parseOptions('schema', ctx.args, {});
  const stacks = (await Promise.all(STACK_IDS.map(loadStack))).filter((s): s is Stack => s !== undefined);
  ctx.out.out(`${JSON.stringify(answersJsonSchema(stacks), null, 2)}\n`);
  return 0;
}
