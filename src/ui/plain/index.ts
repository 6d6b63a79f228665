import type { Session } from '../../app/session.js';
import { visibleQuestions } from '../../core/wizard/machine.js';
import { summaryFacts } from '../summary.js';
import type { TerminalInfo } from '../terminal-info.js';
import { STOP_QUESTION } from '../session-words.js';
import { askCurrent, review } from './ask.js';
import { createPrinter, printEvent, type Context } from './context.js';
import { createPrompter, PromptCancelled, type PlainIo } from './prompts.js';
import { askChecks, askStart, askStep, sayDraft } from './session-screens.js';
import { planLines, problemLines, summaryLines, toAscii } from './text.js';

export type { PlainIo } from './prompts.js';

/**
 * The plain wizard (`--plain`, TERM=dumb): the session drawn line after line on the given streams, for
 * serial consoles, screen readers and terminals where full-screen redraws misbehave. Everything we print
 * is a whole line, printed once, with no escape sequence; each answer is a line read (prompts.ts). The
 * session decides what comes next (src/core/session/flow.ts); this only asks and prints.
 *
 * Exit code: 0 done (or files written, or quit from a menu), 4 a bootstrap step failed, 130 cancelled or
 * interrupted, 3 refused before writing (a preflight check or a blocked target).
 */
export async function runPlainWizard(session: Session, terminal: TerminalInfo, io: PlainIo): Promise<number> {
  const ascii = terminal.unicode ? (text: string) => text : toAscii;
  const printer = createPrinter(io.output, ascii);
  // When the session ends from outside (SIGTERM, SIGHUP), the prompt on screen is cancelled.
  const ended = new AbortController();
  session.done.finally(() => ended.abort()).catch(() => undefined);
  const ask = createPrompter({ ...io, signal: ended.signal }, printer);
  const c: Context = { session, ask, say: printer.say };
  const unprint = session.onEvent((e) => printEvent(c, e));
  for (const line of GUIDE) c.say(line);
  try {
    return await loop(c);
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    c.say('');
    c.say('Cancelled: nothing was written.');
    session.send({ type: 'interrupt' });
    const code = await session.done;
    sayDraft(c, session.state());
    return code;
  } finally {
    unprint();
    ask.close();
    printer.close();
  }
}

/**
 * Said once, before anything is asked: how line mode is answered. Esc and the arrow keys mean nothing to a
 * line reader, so back and help are typed words.
 */
const GUIDE = [
  'Line mode: type each answer, then press Enter. Enter alone takes the default shown in [brackets]; in a list, type the number of your choice.',
  'At a question, type ? for its help or < to go back to the previous one. Ctrl-C quits without writing anything.',
];

/** Resolves at the session's next change of state. */
const changed = (session: Session): Promise<void> =>
  new Promise((resolve) => {
    const off = session.subscribe(() => {
      off();
      resolve();
    });
  });

async function loop(c: Context): Promise<number> {
  const { session } = c;
  let introduced = false;
  let watching: (() => void) | undefined;
  let stopSaid = false;
  const sayStopping = (why: string) => {
    if (!stopSaid) c.say(`${why}: stopping the running steps...`);
    stopSaid = true;
  };
  const stop = (why: string) => {
    sayStopping(why);
    session.send({ type: 'interrupt' });
  };
  for (;;) {
    const s = session.state();
    const screen = s.screen;
    if (screen.kind !== 'progress' && screen.kind !== 'preflight') {
      watching?.();
      watching = undefined;
    }
    switch (screen.kind) {
      case 'loading':
        await changed(session);
        break;
      case 'pick-server': {
        const id = await c.ask.choose(`Which server do you want to set up in ${s.dir}?`, s.servers.map((x) => ({ value: x.id, label: x.title, description: x.tagline })));
        session.send({ type: 'pick', id });
        break;
      }
      case 'start':
        await askStart(c, s);
        break;
      case 'wizard': {
        const w = s.wizard!;
        if (!introduced) {
          introduced = true;
          c.say(`Setting up ${s.stack!.about.title} in ${s.dir}: ${visibleQuestions(w.questions, w.answers).length} questions, nothing is written before you say so.`);
          if (w.current === undefined) c.say('Every answer is there from the last apply: here they are to review.');
        }
        if (screen.checking) {
          await changed(session);
          break;
        }
        if (w.current !== undefined) {
          await askCurrent(c, w);
          break;
        }
        if (screen.problems.length) {
          c.say('The answers cannot be used as they are:');
          for (const line of problemLines(screen.problems)) c.say(line);
          c.say('Edit the answers named above.');
        }
        const next = await review(c, w);
        if (next === 'quit') {
          c.say('Quit: nothing was written.');
          session.send({ type: 'quit' });
        } else if (next === 'continue') {
          c.say('');
          c.say('Checking the answers and making the plan (nothing is written yet)...');
          session.send({ type: 'continue' });
        } else session.send({ type: 'wizard', event: next });
        break;
      }
      case 'plan': {
        const { plan } = screen;
        c.say('');
        for (const line of planLines(plan, s.stack!.about.title, s.dir)) c.say(line);
        c.say('');
        if (plan.blocked.length) {
          c.say('Applying would stop before writing anything: a target above is BLOCKED. Fix it (or change the answers) first.');
          session.send({ type: 'back' });
          break;
        }
        const writes = plan.files.filter((f) => f.status !== 'unchanged').length;
        const go = await c.ask.yesNo(`Apply? It writes ${writes} file(s)${plan.steps.length ? ` and runs ${plan.steps.length} bootstrap steps` : ''}.`, { default: false });
        if (!go) {
          c.say('Not applied; back to the review.');
          session.send({ type: 'back' });
          break;
        }
        c.say('');
        c.say('Applying: writing the files, then running the bootstrap steps.');
        c.say('Ctrl-C asks, then stops the running step cleanly; finished steps are recorded for resume.');
        session.send({ type: 'apply' });
        break;
      }
      case 'checks-failed':
        await askChecks(c, s);
        break;
      case 'confirm-step':
        await askStep(c, s);
        break;
      case 'saving':
        await changed(session);
        break;
      case 'preflight':
      case 'progress':
        watching ??= watchInterrupts(c, stop);
        // Stopped from outside (the CLI's SIGTERM or SIGHUP goes straight to the session): say so too.
        if (screen.kind === 'progress' && screen.stopping) sayStopping('Stopped');
        await changed(session);
        break;
      case 'summary':
        for (const line of summaryLines(screen.outcome, s.dir, summaryFacts(s))) c.say(line);
        session.send({ type: 'summary-shown' });
        break;
      case 'done':
        sayDraft(c, s);
        return screen.code;
    }
  }
}

/**
 * While steps run no prompt is open: the line reader (in raw mode) hands Ctrl-C and the keys over here.
 * Ctrl-C asks first; y (or a second Ctrl-C) stops, any other key goes on.
 */
function watchInterrupts(c: Context, stop: (why: string) => void): () => void {
  let asked = false;
  return c.ask.whileRunning(
    () => {
      if (asked) return stop('Ctrl-C');
      asked = true;
      c.say(`${STOP_QUESTION} Press y to stop, any other key to go on.`);
    },
    (text) => {
      if (!asked) return;
      asked = false;
      if (/^y/i.test(text)) stop('Ctrl-C');
      else c.say('Going on.');
    },
  );
}
