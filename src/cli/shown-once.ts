import type { RunOutcome } from '../core/session/outcome.js';
import type { CliContext } from './context.js';

/**
 * The secrets a run generated for the admin to hand on (participant codes), shown once after the run: on a
 * terminal only, unmasked there and nowhere else (not in the run's log, not in --json). Redirected output
 * may be kept in a file or a CI log, so there only the file that holds them is named.
 */
export function printShownOnce(ctx: Pick<CliContext, 'out' | 'stdoutIsTerminal'>, outcome: RunOutcome): void {
  for (const s of outcome.shownOnce ?? []) {
    if (!ctx.stdoutIsTerminal) {
      ctx.out.err(`${s.what}: in ${s.file} (mode 0600). Not printed here: this output is not a terminal, and may be kept.\n`);
      continue;
    }
    ctx.out.out(`\n${s.what}, shown this once (they stay in ${s.file}, mode 0600):\n`);
    ctx.out.reveal(`${s.value.reveal().split('\n').map((line) => `  ${line}`).join('\n')}\n`);
  }
}
