import { execa } from 'execa';
import { lineSplitter } from '../../core/run/clean-output.js';
import type { ChildValue } from '../../core/steps/step.js';
import type { ExecRun } from '../../kit/steps/exec.js';
import type { Executor } from './types.js';

const reveal = (v: ChildValue) => (typeof v === 'string' ? v : v.reveal());

/**
 * Runs an argv (never a shell string). Secrets reach the child only through its env or stdin: argv
 * shows in `ps` and in execa's error messages. Output is streamed line by line, cleaned of escape
 * sequences. When the signal fires the child gets SIGTERM, then SIGKILL after `graceMs`.
 */
export function createExec(options: { env: Readonly<Record<string, string | undefined>>; graceMs: number }): Executor<ExecRun> {
  return async (run, ctx) => {
    const [file, ...args] = run.argv;
    if (file === undefined) return { ok: false, error: 'the step has an empty command' };
    const env: Record<string, string | undefined> = { ...options.env };
    for (const [k, v] of Object.entries(run.env ?? {})) env[k] = reveal(v);
    const child = execa(file, args, {
      cwd: run.cwd,
      env,
      extendEnv: false,
      ...(run.stdin !== undefined ? { input: reveal(run.stdin) } : { stdin: 'ignore' as const }),
      cancelSignal: ctx.signal,
      killSignal: 'SIGTERM',
      forceKillAfterDelay: options.graceMs,
      reject: false,
      buffer: false,
      encoding: 'utf8',
      // The child gets its own process group, so a terminal's Ctrl-C reaches us first and we stop it cleanly.
      detached: true,
      cleanup: true,
    });
    const out = lineSplitter((line) => ctx.onLine(line, 'stdout'));
    const err = lineSplitter((line) => ctx.onLine(line, 'stderr'));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => err.push(c));
    const result = await child;
    out.end();
    err.end();
    if (ctx.signal.aborted || result.isCanceled) return { ok: false, error: 'interrupted' };
    if (result.failed) {
      // Our own words, not execa's message: that one repeats the whole command line.
      if (result.exitCode !== undefined) return { ok: false, error: `${file} exited with code ${result.exitCode}` };
      if (result.signal) return { ok: false, error: `${file} was killed by ${result.signal}` };
      const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
      return { ok: false, error: code === 'ENOENT' ? `${file} is not installed (not found on PATH)` : `${file} could not be started (${code ?? 'unknown error'})` };
    }
    return { ok: true };
  };
}
