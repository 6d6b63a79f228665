import { loadStack, stackIds } from '../../app/stacks.js';
import { answersJsonSchema } from '../../core/answers/json-schema.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';

/** `fieldstation schema`: the JSON Schema of answers files, for every registered server. */
export async function schema(ctx: CliContext): Promise<number> {
  parseOptions('schema', ctx.args, {});
  const deps = appDeps(ctx);
  const stacks = await Promise.all(stackIds(deps).map(async (id) => (await loadStack(deps, id)).stack));
  ctx.out.out(`${JSON.stringify(answersJsonSchema(stacks), null, 2)}\n`);
  return 0;
}
