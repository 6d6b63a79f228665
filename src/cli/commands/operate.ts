import { resolve } from 'node:path';
import { operate as runOperation } from '../../app/operate.js';
import { UsageError } from '../../core/errors.js';
import { parseOptions } from '../args.js';
import { confirm } from '../confirm.js';
import type { CliContext } from '../context.js';
import { parseConnectTo } from '../connect-to.js';
import { appDeps } from '../deps.js';
import { finishRun, terminalHooks } from '../run-report.js';

/**
 * `fieldstation <operation>` (a server's own, such as Ichnaea's geoip-swap): told its name first by main.
 * Its options are the generic ones and `--NAME VALUE` for the operation's own (each a string); the service
 * refuses names the operation does not know, with its options listed.
 */
export async function operate(ctx: CliContext): Promise<number> {
  const [name = '', ...args] = ctx.args;
  const own: Record<string, string> = {};
  const generic: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/u.exec(arg);
    if (!m || ['dir', 'yes', 'json', 'connect-to'].includes(m[1]!)) {
      generic.push(arg);
      if (m && (m[1] === 'dir' || m[1] === 'connect-to') && m[2] === undefined && i + 1 < args.length) generic.push(args[++i]!);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`${name}: --${m[1]} needs a value.`, [`Run \`fieldstation ${name} --help\`.`]);
    own[m[1]!] = value;
  }
  const opts = parseOptions(name, generic, { dir: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, 'connect-to': { type: 'string' } });
  if (!opts.yes && !ctx.interactive) {
    throw new UsageError(`${name}: there is no terminal to confirm the steps, and --yes was not given.`, [`Run it again with --yes to run the steps without asking.`]);
  }
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  // Options naming files are paths from here, as the person typed them.
  if (own['file'] !== undefined) own['file'] = resolve(ctx.cwd, own['file']);
  const connectTo = parseConnectTo(opts['connect-to']);
  const flags = { json: Boolean(opts.json), yesDestructive: false, wipeDevices: [], dir };
  const hooks = terminalHooks(ctx, flags);
  try {
    const outcome = await runOperation(appDeps(ctx, connectTo ? { connectTo } : {}), { dir, name, options: own }, {
      ...hooks,
      async confirm(steps) {
        if (opts.yes) return true;
        ctx.out.err(`${name} in ${dir}:\n${steps.map((s, i) => `  ${i + 1}. ${s.id}: ${s.title}\n`).join('')}`);
        return confirm(ctx, `Run these ${steps.length} steps?`);
      },
    });
    const code = finishRun(ctx, outcome, flags);
    if (code === 0 && outcome.status === 'succeeded' && !opts.json) ctx.out.out(`${name} done in ${dir}.\n`);
    return code;
  } finally {
    hooks.dispose();
  }
}
