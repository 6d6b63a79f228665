import { resolve } from 'node:path';
import { validateAnswers } from '../../app/validate.js';
import { loadStack } from '../../app/stacks.js';
import { UsageError } from '../../core/errors.js';
import { defaultOf } from '../../core/questions/types.js';
import { answersFile, stagedAnswers } from '../../io/answers-edit.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { apply } from './apply.js';

/**
 * `fieldstation upgrade --to TAG --answers FILE`: the answers file gets the new version (checked first:
 * nothing is written when the new answers have a problem, such as a sunset tag), then apply runs with it,
 * and the server's own steps upgrade in the order upstream asks (Ichnaea: scheduler and workers stopped,
 * migrations, all roles on the new image, web last). The file keeps the new version, so the next apply
 * does not go back.
 */
export async function upgrade(ctx: CliContext): Promise<number> {
  const at = ctx.args.findIndex((a) => a === '--to' || a.startsWith('--to='));
  const to = at === -1 ? undefined : ctx.args[at]!.startsWith('--to=') ? ctx.args[at]!.slice(5) : ctx.args[at + 1];
  const rest = at === -1 ? ctx.args : ctx.args.filter((_, i) => i !== at && !(i === at + 1 && !ctx.args[at]!.startsWith('--to=')));
  const opts = parseOptions('upgrade', rest, {
    answers: { type: 'string' }, dir: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, 'yes-destructive': { type: 'boolean' },
    'wipe-device': { type: 'string', multiple: true }, 'skip-bootstrap': { type: 'boolean' }, 'skip-check': { type: 'string', multiple: true }, 'connect-to': { type: 'string' }, json: { type: 'boolean' },
  });
  const tag = required('upgrade', 'to', to);
  const answersPath = resolve(ctx.cwd, required('upgrade', 'answers', opts.answers));
  const deps = appDeps(ctx);
  const current = await validateAnswers(deps, answersPath);
  const { stack } = await loadStack(deps, current.stack.id);
  if (!stack.upgrade) throw new UsageError(`upgrade: ${stack.title} has no version to change here.`, ['Change the answers and run `fieldstation apply` again.']);
  const { answer } = stack.upgrade;
  const file = await answersFile(answersPath);
  // Left out of the file: the question's default is what runs now.
  const question = stack.questions.find((q) => q.id === answer);
  const given = file.get(answer);
  const before = typeof given === 'string' ? given : String((question && defaultOf(question, {})) ?? '');
  const next = stack.upgrade.to(before, tag);
  if (next === before) ctx.out.err(`${answer} is ${before} already: apply runs with it as it is.\n`);
  const staged = await stagedAnswers(answersPath, file.with(answer, next));
  try {
    await validateAnswers(deps, staged.path);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
  ctx.out.err(`${answer}: ${before} -> ${next} (written to ${answersPath}).\n`);
  return apply({ ...ctx, args: ['--answers', answersPath, ...rest.filter((a, i) => !(a === '--answers' || a.startsWith('--answers=') || rest[i - 1] === '--answers'))] });
}
