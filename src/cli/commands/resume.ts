import { resolve } from 'node:path';
import { resume as resumeRun } from '../../app/resume.js';
import { parseOptions } from '../args.js';
import type { CliContext } from '../context.js';
import { parseConnectTo } from '../connect-to.js';
import { appDeps } from '../deps.js';
import { finishRun, terminalHooks } from '../run-report.js';

/**
 * `fieldstation resume`: the last bootstrap in DIR, continued at its first unfinished step. Needs no
 * answers file: the answers come from the state and the secrets from the files apply wrote.
 */
export async function resume(ctx: CliContext): Promise<number> {
  const opts = parseOptions('resume', ctx.args, {
    dir: { type: 'string' },
    json: { type: 'boolean' },
    'yes-destructive': { type: 'boolean' },
    'wipe-device': { type: 'string', multiple: true },
    'skip-check': { type: 'string', multiple: true },
    'connect-to': { type: 'string' },
  });
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const connectTo = parseConnectTo(opts['connect-to']);
  const flags = { json: Boolean(opts.json), yesDestructive: Boolean(opts['yes-destructive']), wipeDevices: opts['wipe-device'] ?? [], dir };
  const hooks = terminalHooks(ctx, flags);
  try {
    const outcome = await resumeRun(appDeps(ctx, connectTo ? { connectTo } : {}), { dir, skipChecks: opts['skip-check'] ?? [] }, hooks);
    return finishRun(ctx, outcome, flags);
  } finally {
    hooks.dispose();
  }
}
