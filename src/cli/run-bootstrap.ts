import { bootstrap } from '../app/bootstrap.js';
import { ExitCode, UsageError } from '../core/errors.js';
import { formatCheck, formatEvent } from '../core/run/format.js';
import type { Journal } from '../core/run/journal.js';
import type { Step } from '../core/steps/step.js';
import { confirm } from './confirm.js';
import type { CliContext } from './context.js';

export interface BootstrapFlags {
  readonly json: boolean;
  readonly yesDestructive: boolean;
  readonly connectTo?: { host: string; port: number };
}

/** Parses --connect-to HOST:PORT (the health checks connect there instead of where DNS points). */
export function parseConnectTo(value: string | undefined): BootstrapFlags['connectTo'] {
  if (value === undefined) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--connect-to ${value}: expected HOST:PORT, e.g. 127.0.0.1:443.`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the bootstrap with the reporter the flags ask for, and turns its end into an exit code: 0 done,
 * 4 a step failed (its last lines, the log and the resume command are printed), 130 interrupted.
 * Ctrl-C, SIGTERM and SIGHUP (a dropped SSH session) stop the children cleanly; a second one exits at once.
 */
export async function runBootstrap(ctx: CliContext, args: { stack: string; dir: string; steps: readonly Step[]; mask: (t: string) => string; resume?: Journal; flags: BootstrapFlags }): Promise<number> {
  const controller = new AbortController();
  let stops = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    stops++;
    if (stops > 1) process.exit(ExitCode.interrupted);
    ctx.out.err(`\n${signal}: stopping the running steps (a second signal exits at once)...\n`);
    controller.abort(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const resumeCommand = `fieldstation resume --dir ${args.dir}`;
  try {
    const result = await bootstrap({
      stack: args.stack,
      dir: args.dir,
      steps: args.steps,
      ...(args.resume ? { resume: args.resume } : {}),
      mask: args.mask,
      env: ctx.env,
      now: ctx.now,
      signal: controller.signal,
      emit: args.flags.json ? (e) => ctx.out.out(`${JSON.stringify(e)}\n`) : (e) => ctx.out.err(`${formatEvent(e)}\n`),
      confirmDestructive: async (step) => {
        if (args.flags.yesDestructive) return true;
        if (!ctx.interactive) {
          ctx.out.err(`Step ${step.id} (${step.title}) changes or deletes data and needs a confirmation; there is no terminal to ask.\n  Run \`${resumeCommand} --yes-destructive\` once you have checked it (fieldstation plan shows it).\n`);
          return false;
        }
        return confirm(ctx, `Step ${step.id} (${step.title}) changes or deletes data. Run it?`);
      },
      ...(args.flags.connectTo ? { http: { connectTo: args.flags.connectTo } } : {}),
      ...(ctx.env['FIELDSTATION_TEST_GRACE_MS'] ? { graceMs: Number(ctx.env['FIELDSTATION_TEST_GRACE_MS']) } : {}),
      ...(ctx.env['FIELDSTATION_TEST_BACKOFF_MS'] ? { backoffBaseMs: Number(ctx.env['FIELDSTATION_TEST_BACKOFF_MS']) } : {}),
    });
    if (args.flags.json) return result.status === 'succeeded' ? ExitCode.ok : result.status === 'failed' ? ExitCode.stepFailed : ExitCode.interrupted;
    if (result.status === 'failed' && result.failed) {
      const { id, error, tail } = result.failed;
      ctx.out.err(`\nStep ${id} failed: ${error}\n${tail.length ? `Its last ${tail.length} line(s):\n${tail.map((l) => `  | ${l}`).join('\n')}\n` : ''}Full log: ${result.logPath}\nFix the cause, then continue where it stopped:\n  ${resumeCommand}\n`);
      return ExitCode.stepFailed;
    }
    if (result.status === 'interrupted') {
      ctx.out.err(`\nStopped; finished steps are recorded. Log: ${result.logPath}\nContinue with:\n  ${resumeCommand}\n`);
      return ExitCode.interrupted;
    }
    for (const check of result.checks) ctx.out.out(`${formatCheck(check)}\n`);
    return ExitCode.ok;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}
