import { render } from 'ink';
import type { Session } from '../../app/session.js';
import type { TerminalInfo } from '../terminal-info.js';
import { App } from './App.js';
import { BracketedPaste, withUsableSize } from './terminal-modes.js';

export { App, type AppProps } from './App.js';

export interface WizardStreams {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/**
 * Draws the session with Ink on these streams until it ends, and returns its exit code: 0 done (or files
 * written, or quit from a menu), 3 refused before writing, 4 a bootstrap step failed, 130 cancelled or
 * interrupted. Rejects when a service throws (a bug): the caller reports it like any other error.
 *
 * Needs a terminal on stdin (raw mode); src/cli decides that before calling. Bracketed paste is on while
 * the wizard is drawn and off again however it ends (terminal-modes.tsx). Ctrl-C is handled by the
 * wizard (it asks before quitting, or stops a running bootstrap), so nothing here exits the process. Ink
 * unreferences stdin when it ends: call `stdin.ref()` before reading it again.
 */
export async function runInkWizard(session: Session, terminal: TerminalInfo, io: WizardStreams): Promise<number> {
  if (!io.stdin.isTTY) throw new Error('The wizard needs a terminal on stdin; use an answers file (fieldstation apply --answers FILE) instead.');
  const instance = render(
    <BracketedPaste>
      <App session={session} terminal={terminal} />
    </BracketedPaste>,
    { stdin: io.stdin, stdout: withUsableSize(io.stdout), stderr: io.stderr, exitOnCtrlC: false, patchConsole: false },
  );
  try {
    return await session.done;
  } finally {
    instance.unmount();
    await instance.waitUntilExit();
  }
}
