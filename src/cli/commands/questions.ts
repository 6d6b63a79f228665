import { loadStack, stackIds } from '../../app/stacks.js';
import { referenceMarkdown, referenceText } from '../../core/questions/reference.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';

/** `fieldstation questions`: a server's questions, the keys of its answers file. */
export async function questions(ctx: CliContext): Promise<number> {
  const opts = parseOptions('questions', ctx.args, { stack: { type: 'string' }, markdown: { type: 'boolean' } });
  const deps = appDeps(ctx);
  for (const id of opts.stack ? [opts.stack] : stackIds(deps)) {
    const { stack } = await loadStack(deps, id);
    ctx.out.out(opts.markdown ? `${referenceMarkdown(stack)}\n` : referenceText(stack));
  }
  return 0;
}
