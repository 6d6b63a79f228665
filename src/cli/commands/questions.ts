import { UsageError } from '../../core/errors.js';
import { referenceMarkdown, referenceText } from '../../core/questions/reference.js';
import { loadStack, STACK_IDS } from '../../stacks/index.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';

export async function questions(ctx: CliContext): Promise<number> {
  const opts = parseOptions('questions', ctx.args, { stack: { type: 'string' }, markdown: { type: 'boolean' } });
  const ids = opts.stack ? [opts.stack] : STACK_IDS;
  for (const id of ids) {
    const stack = await loadStack(id);
    if (!stack) throw new UsageError(`questions: unknown stack "${id}".`, [`Use one of: ${STACK_IDS.join(', ')}.`]);
    ctx.out.out(opts.markdown ? `${referenceMarkdown(stack)}\n` : referenceText(stack));
  }
  return 0;
}
