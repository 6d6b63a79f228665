import { resolve } from 'node:path';
import { loadInstalled, readJournal } from '../../app/install-state.js';
import { UsageError } from '../../core/errors.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { writePathsOf } from '../../app/doctor.js';
import { checkSkipNames } from '../../core/doctor/checks.js';
import { preflight } from './doctor.js';
import { parseConnectTo, runBootstrap } from '../run-bootstrap.js';

/**
 * Continues the last bootstrap in DIR at its first unfinished step. Needs no answers file: the answers
 * come from DIR/.fieldstation/state.json and the secrets from the files apply wrote.
 */
export async function resume(ctx: CliContext): Promise<number> {
  const opts = parseOptions('resume', ctx.args, {
    dir: { type: 'string' },
    json: { type: 'boolean' },
    'yes-destructive': { type: 'boolean' },
    'skip-check': { type: 'string', multiple: true },
    'connect-to': { type: 'string' },
  });
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const connectTo = parseConnectTo(opts['connect-to']);
  checkSkipNames(opts['skip-check'] ?? []);
  const installed = await loadInstalled(dir, ctx.env);
  ctx.out.setMask(installed.mask);
  const journal = await readJournal(dir);
  if (!journal) throw new UsageError(`${dir} has no bootstrap run to resume.`, ['Run `fieldstation apply --answers FILE --dir DIR` to start one.']);
  if (journal.status === 'succeeded') {
    ctx.out.err(`Nothing to resume: the last bootstrap in ${dir} finished (${journal.updatedAt}).\n`);
    return 0;
  }
  const steps = installed.stack.steps(installed.input);
  await preflight(installed.stack.requirements(installed.input), opts['skip-check'] ?? [], ctx, {
    writePaths: writePathsOf(dir, steps),
    rerun: `fieldstation resume --dir ${dir}`,
    previous: journal,
  });
  return runBootstrap(ctx, {
    stack: installed.stack.id,
    dir,
    steps,
    mask: installed.mask,
    resume: journal,
    flags: { json: Boolean(opts.json), yesDestructive: Boolean(opts['yes-destructive']), ...(connectTo ? { connectTo } : {}) },
  });
}
