import type { AppEvent, RunOutcome } from '../app/events.js';
import type { RunHooks } from '../app/install.js';
import { formatResults, summaryLine } from '../core/checks/outcome.js';
import { ExitCode, InterruptedError, PreflightError } from '../core/errors.js';
import { formatCheck, formatEvent } from '../core/run/format.js';
import type { CliContext } from './context.js';
import { formatProblems } from './output.js';
import { confirmDestructiveStep } from './destructive.js';
import { onStopSignals } from './stop-signals.js';

export interface ReportFlags {
  /** Progress as JSON lines on stdout. */
  readonly json: boolean;
  readonly yesDestructive: boolean;
  /** --wipe-device: the devices a step may wipe with --yes-destructive, unasked. */
  readonly wipeDevices: readonly string[];
}

/**
 * The hooks a run needs from the terminal: events printed as lines (or JSON lines), destructive steps
 * confirmed, and Ctrl-C, SIGTERM and SIGHUP (a dropped SSH session) turned into a clean stop of the
 * running steps; a second signal exits at once. Call `dispose` when the run is over.
 */
export function terminalHooks(ctx: CliContext, flags: ReportFlags & { readonly dir: string }): RunHooks & { dispose(): void } {
  const controller = new AbortController();
  const removeSignals = onStopSignals((signal) => {
    ctx.out.err(`\n${signal}: stopping the running steps (a second signal exits at once)...\n`);
    controller.abort(signal);
  });
  return {
    signal: controller.signal,
    emit: (e) => printEvent(ctx, e, flags),
    // --yes-destructive said not to ask: a step that wipes a device then needs it named (--wipe-device), or stops.
    confirmDestructive: (step) => confirmDestructiveStep(ctx, step, { ...flags, canAsk: ctx.interactive && !flags.yesDestructive }),
    dispose: removeSignals,
  };
}

/** One event as the CLI shows it: stderr for people, stdout for --json progress. */
export function printEvent(ctx: CliContext, e: AppEvent, flags: ReportFlags): void {
  switch (e.type) {
    case 'answers-checked':
      // From here on nothing this process prints shows a secret it knows.
      ctx.out.setMask(e.mask);
      if (e.warnings.length && !flags.json) ctx.out.err(`${formatProblems(e.warnings)}\n`);
      return;
    case 'plan-ready':
      ctx.out.setMask(e.mask);
      return;
    case 'preflight':
      ctx.out.err(`Preflight checks:\n${formatResults(e.results)}${summaryLine(e.results)}\n`);
      return;
    case 'files-written': {
      const f = e.files;
      if (f.removedTemporaries.length) ctx.out.err(`Removed ${f.removedTemporaries.length} temporary file(s) left by an interrupted run.\n`);
      return;
    }
    default:
      if (flags.json) ctx.out.out(`${JSON.stringify(e)}\n`);
      else ctx.out.err(`${formatEvent(e)}\n`);
  }
}

/**
 * How a run ended, for people, and its exit code: 0 done, 3 refused (nothing written), 4 a step failed
 * (its last lines, the log and the resume command are printed), 130 interrupted or not confirmed.
 */
export function finishRun(ctx: CliContext, outcome: RunOutcome, flags: ReportFlags): number {
  switch (outcome.status) {
    case 'declined':
      throw new InterruptedError(outcome.message);
    case 'refused':
      throw new PreflightError(outcome.message ?? 'refused', outcome.hints ?? []);
    case 'written':
      return ExitCode.ok;
    case 'failed': {
      if (flags.json) return ExitCode.stepFailed;
      const tail = outcome.failed?.tail ?? [];
      ctx.out.err(`\nStep ${outcome.failed?.id ?? '?'} failed: ${outcome.failed?.error ?? ''}\n${tail.length ? `Its last ${tail.length} line(s):\n${tail.map((l) => `  | ${l}`).join('\n')}\n` : ''}Full log: ${outcome.logPath}\nFix the cause, then ${outcome.rerun ? 'run it again' : 'continue where it stopped'}:\n  ${outcome.resumeCommand}\n`);
      return ExitCode.stepFailed;
    }
    case 'interrupted':
      if (!flags.json) ctx.out.err(`\nStopped; finished steps are recorded. Log: ${outcome.logPath}\nContinue with:\n  ${outcome.resumeCommand}\n`);
      return ExitCode.interrupted;
    case 'succeeded':
      if (outcome.message) {
        ctx.out.err(`${outcome.message}\n`);
        return ExitCode.ok;
      }
      if (flags.json) return ExitCode.ok;
      for (const check of outcome.checks) ctx.out.out(`${formatCheck(check)}\n`);
      return ExitCode.ok;
  }
}
