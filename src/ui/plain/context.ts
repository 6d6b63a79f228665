import type { AppEvent } from '../../app/events.js';
import type { Session } from '../../app/session.js';
import { notPassed, summaryLine } from '../../core/checks/outcome.js';
import { formatEvent } from '../../core/run/format.js';
import { gitExcludeNote } from '../../core/session/outcome.js';
import type { Prompter } from './prompts.js';
import { checkLines, plainText } from './text.js';

/** What the plain wizard's parts share: the session, the prompts (which own the input) and the printer. */
export interface Context {
  readonly session: Session;
  readonly ask: Prompter;
  /** One whole line of output. */
  readonly say: (line?: string) => void;
}

/**
 * Lines to the output that never throw: a terminal gone after a dropped SSH session must not stop apply.
 * Everything goes through `plainText`: no escape sequence reaches the terminal, not even one that came in
 * a step's output, so line mode keeps its promise of no cursor movement and no colour.
 */
export function createPrinter(out: NodeJS.WritableStream, ascii: (text: string) => string) {
  let gone = false;
  const onError = () => {
    gone = true;
  };
  out.on('error', onError);
  const write = (text: string) => {
    if (gone) return;
    try {
      out.write(text);
    } catch {
      gone = true;
    }
  };
  return {
    say: (line = '') => write(`${ascii(plainText(line))}\n`),
    /** A prompt: the answer is typed after it, on the same line. */
    put: (text: string) => write(ascii(plainText(text))),
    close() {
      out.removeListener('error', onError);
    },
  };
}

/** The services' events as lines, while the machine is checked and the bootstrap runs. */
export function printEvent(c: Context, e: AppEvent): void {
  switch (e.type) {
    case 'answers-checked':
    case 'plan-ready':
      return;
    case 'preflight':
      c.say(`Machine checks: ${summaryLine(e.results)}`);
      for (const line of checkLines(notPassed(e.results))) c.say(line);
      return;
    case 'files-written': {
      c.say(`Wrote ${e.files.written.length} file(s) (${e.files.unchanged.length} unchanged).`);
      const git = gitExcludeNote(e.files);
      if (git) c.say(git);
      return;
    }
    default:
      c.say(formatEvent(e));
  }
}

