import { render } from 'ink';
import type { TerminalInfo, WizardPorts } from '../ports.js';
import { App } from './App.js';
import { WizardExit } from '../exit-code.js';

export { App, type AppProps } from './App.js';
export { WizardExit } from '../exit-code.js';

export interface WizardStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /**
   * Optional: aborted on SIGTERM or SIGHUP (a dropped SSH session). A running bootstrap then stops cleanly
   * and the wizard returns 130 after its summary; before the bootstrap, it returns 130 at once.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs the Ink wizard on these streams until it ends, and returns the exit code: 0 done (or files
 * written), 3 refused before writing, 4 a bootstrap step failed, 130 cancelled or interrupted. Rejects
 * when a port throws (a bug): the caller reports it like any other error.
 *
 * Needs a terminal on stdin (raw mode); src/cli decides that before calling. The screens are drawn on
 * `stdout`. Ctrl-C is handled by the wizard (it asks before quitting, or stops a running bootstrap), so
 * nothing here exits the process. Ink unreferences stdin when it ends: call `stdin.ref()` before reading
 * it again (ecosystem.md §4.4).
 */
export async function runInkWizard(ports: WizardPorts, terminal: TerminalInfo, io: WizardStreams): Promise<number> {
  if (!io.stdin.isTTY) throw new Error('The wizard needs a terminal on stdin; use an answers file (fieldstation apply --answers FILE) instead.');
  let code: number = WizardExit.cancelled;
  const instance = render(<App ports={ports} terminal={terminal} signal={io.signal} onExit={(c) => (code = c)} />, {
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return code;
}
