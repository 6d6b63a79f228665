import type { AppEvent } from '../../app/events.js';
import type { Session } from '../../app/session.js';
import { formatResults, summaryLine } from '../../core/checks/outcome.js';
import { generateSpecOf, type ChoiceQuestion, type Question, type SecretQuestion } from '../../core/questions/types.js';
import { formatEvent } from '../../core/run/format.js';
import { currentQuestion, parseTyped, position, suggested, visibleQuestions, type WizardEvent, type WizardState } from '../../core/wizard/machine.js';
import type { TerminalInfo } from '../terminal-info.js';
import { createPrompter, PromptCancelled, type Item, type PlainIo, type Prompter } from './prompts.js';
import { helpLines, planLines, problemLines, reviewLines, shownAnswer, summaryLines, toAscii } from './text.js';

export type { PlainIo } from './prompts.js';

/**
 * The plain wizard (`--plain`, TERM=dumb): the session drawn line after line on the given streams, for
 * serial consoles, screen readers and terminals where full-screen redraws misbehave. Everything we print
 * is a whole line, printed once; the prompts come from @inquirer/prompts. The session decides what comes
 * next (src/core/session/flow.ts); this only asks and prints.
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
  const ask = createPrompter(terminal, { ...io, signal: io.signal ? AbortSignal.any([io.signal, ended.signal]) : ended.signal }, ascii);
  const c: Context = { session, io, ask, say: printer.say };
  const unprint = session.onEvent((e) => printEvent(c, e));
  try {
    return await loop(c);
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    c.say('');
    c.say('Cancelled: nothing was written.');
    session.send({ type: 'interrupt' });
    return session.done;
  } finally {
    unprint();
    ask.close();
    printer.close();
  }
}

interface Context {
  readonly session: Session;
  readonly io: PlainIo;
  readonly ask: Prompter;
  /** One whole line of output. */
  readonly say: (line?: string) => void;
}

/** Lines to the output that never throw: a terminal gone after a dropped SSH session must not stop apply. */
function createPrinter(out: NodeJS.WritableStream, ascii: (text: string) => string) {
  let gone = false;
  const onError = () => {
    gone = true;
  };
  out.on('error', onError);
  return {
    say(line = '') {
      if (gone) return;
      try {
        out.write(`${ascii(line)}\n`);
      } catch {
        gone = true;
      }
    },
    close() {
      out.removeListener('error', onError);
    },
  };
}

/** The services' events as lines, while the machine is checked and the bootstrap runs. */
function printEvent(c: Context, e: AppEvent): void {
  switch (e.type) {
    case 'answers-checked':
    case 'plan-ready':
      return;
    case 'preflight':
      c.say(`Machine checks: ${summaryLine(e.results)}`);
      for (const line of formatResults(e.results.filter((r) => r.status !== 'pass')).replace(/\n$/, '').split('\n').filter(Boolean)) c.say(line);
      return;
    case 'files-written':
      c.say(`Wrote ${e.files.written.length} file(s) (${e.files.unchanged.length} unchanged).`);
      return;
    default:
      c.say(formatEvent(e));
  }
}

/** Resolves at the session's next change of state. */
const changed = (session: Session): Promise<void> =>
  new Promise((resolve) => {
    const off = session.subscribe(() => {
      off();
      resolve();
    });
  });

type InstalledAction = 'reconfigure' | 'resume' | 'rotate' | 'quit';

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
      case 'start': {
        if (s.install?.kind !== 'installed' || !s.stack) throw new Error('start screen without an install');
        const { unfinished } = s.install;
        c.say(`${s.stack.about.title} is already set up in ${s.dir}.`);
        if (unfinished) c.say(`Its last bootstrap did not finish${unfinished.failedStep ? ` (it stopped at step ${unfinished.failedStep})` : ''}; last recorded ${unfinished.updatedAt}.`);
        const items: Item<InstalledAction>[] = [
          { value: 'reconfigure', label: 'Reconfigure', description: 'Start from the answers of the last apply, change what you need, see the plan, apply.' },
          ...(unfinished ? [{ value: 'resume' as const, label: 'Resume the unfinished bootstrap', description: 'Continue at the first step that did not finish; finished steps are not redone.' }] : []),
          { value: 'rotate', label: 'Rotate a secret', disabled: '(comes in a later version)' },
          { value: 'quit', label: 'Quit', description: 'Change nothing.' },
        ];
        const action = await c.ask.choose<InstalledAction>('What do you want to do?', items, { default: unfinished ? 'resume' : 'reconfigure' });
        if (action === 'quit') c.say('Nothing was changed.');
        if (action === 'resume') {
          c.say('');
          c.say('Resuming the unfinished bootstrap.');
          c.say('Ctrl-C stops the running step cleanly; finished steps are recorded for resume.');
        }
        if (action !== 'rotate') session.send({ type: 'start-choice', choice: action });
        break;
      }
      case 'wizard': {
        const w = s.wizard!;
        if (!introduced) {
          introduced = true;
          c.say(`Setting up ${s.stack!.about.title} in ${s.dir}: ${visibleQuestions(w.questions, w.answers).length} questions, nothing is written before you say so.`);
          c.say('Enter takes the default shown in parentheses. Type ? for help on a question, < to go back to the previous one. Ctrl-C quits without writing anything.');
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
        c.say('Ctrl-C stops the running step cleanly; finished steps are recorded for resume.');
        session.send({ type: 'apply' });
        break;
      }
      case 'preflight':
      case 'progress':
        watching ??= watchInterrupts(c.io, stop);
        // Stopped from outside (the CLI's SIGTERM or SIGHUP goes straight to the session): say so too.
        if (screen.kind === 'progress' && screen.stopping) sayStopping('Stopped');
        await changed(session);
        break;
      case 'summary':
        for (const line of summaryLines(screen.outcome, s.dir)) c.say(line);
        session.send({ type: 'summary-shown' });
        break;
      case 'done':
        return screen.code;
    }
  }
}

/** What one prompt gave: an event for the machine, or help, back, a typing mistake, or ask the same again. */
type Reply = { readonly kind: 'event'; readonly event: WizardEvent } | { readonly kind: 'help' } | { readonly kind: 'back' } | { readonly kind: 'error'; readonly error: string } | { readonly kind: 'again' };

const HELP = 'help' as const;
const BACK = 'back' as const;
const helpItem = { value: HELP, label: '? Show help' };
const backItem = { value: BACK, label: '< Back to the previous question' };

/** `?` and `<` typed alone are the two commands (no valid Sticky Pi answer is either of them). */
const command = (typed: string): Reply | undefined => (typed.trim() === '?' ? { kind: 'help' } : typed.trim() === '<' ? { kind: 'back' } : undefined);

/** Asks the question on screen once and feeds the reply to the session. */
async function askCurrent(c: Context, s: WizardState): Promise<void> {
  const q = currentQuestion(s)!;
  const { index, total } = position(s);
  const message = `[${index}/${total}] ${q.section}: ${q.prompt}`;
  const reply = q.kind === 'secret' ? await askSecret(c, s, q, message) : q.kind === 'choice' ? await askChoice(c, s, q, message) : await askTyped(c, s, q, message);
  switch (reply.kind) {
    case 'again':
      return;
    case 'help':
      for (const line of helpLines(q, s)) c.say(line);
      return;
    case 'back':
      if (s.history.length === 0) c.say('This is the first question: there is nothing before it.');
      c.session.send({ type: 'wizard', event: { type: 'back' } });
      return;
    case 'error':
      c.say(`Not accepted: ${reply.error}`);
      return;
    case 'event': {
      c.session.send({ type: 'wizard', event: reply.event });
      const error = c.session.state().wizard?.error;
      if (error !== undefined) c.say(`Not accepted: ${error}`);
    }
  }
}

/** Text, numbers, paths, yes/no: typed, with the default taken by Enter. */
async function askTyped(c: Context, s: WizardState, q: Exclude<Question, SecretQuestion | ChoiceQuestion>, message: string): Promise<Reply> {
  const shown = suggested(s, q);
  const isYesNo = q.kind === 'boolean';
  const def = shown === undefined ? undefined : isYesNo ? (shown === true ? 'yes' : 'no') : String(shown);
  const typed = await c.ask.text(isYesNo ? `${message} (yes/no)` : message, def === undefined ? {} : { default: def });
  const cmd = command(typed);
  if (cmd) return cmd;
  const parsed = parseTyped(q, typed);
  return 'error' in parsed ? { kind: 'error', error: parsed.error } : { kind: 'event', event: { type: 'answer', value: parsed.value } };
}

async function askChoice(c: Context, s: WizardState, q: ChoiceQuestion, message: string): Promise<Reply> {
  type Pick = { readonly answer: string } | typeof HELP | typeof BACK;
  const items: Item<Pick>[] = q.choices.map((ch) => ({ value: { answer: ch.value }, label: ch.label, ...(ch.help !== undefined ? { description: ch.help } : {}) }));
  const shown = suggested(s, q);
  const def = items.find((i) => typeof i.value === 'object' && i.value.answer === shown)?.value;
  const pick = await c.ask.choose<Pick>(message, [...items, helpItem, backItem], def === undefined ? {} : { default: def });
  if (pick === HELP) return { kind: 'help' };
  if (pick === BACK) return { kind: 'back' };
  return { kind: 'event', event: { type: 'answer', value: pick.answer } };
}

/**
 * A secret: "Generate one for me / Type it" when the catalogue can generate it here, else typed at once.
 * Typed input is hidden; nothing of it is ever printed. Enter on an empty line keeps a value typed before.
 */
async function askSecret(c: Context, s: WizardState, q: SecretQuestion, message: string): Promise<Reply> {
  const spec = generateSpecOf(q, s.answers);
  const before = s.secrets[q.id];
  if (spec) {
    const install = c.session.state().install;
    const kept = install?.kind === 'installed' && install.secrets[q.id]?.kind === 'generate';
    const items: Item<'generate' | 'type' | typeof HELP | typeof BACK>[] = [
      kept
        ? { value: 'generate', label: 'Keep the generated one', description: 'The value written by the last apply stays.' }
        : { value: 'generate', label: 'Generate one for me', description: `${spec.length} random characters; kept on every later run.` },
      { value: 'type', label: 'Type it', description: 'Hidden as you type; never shown again.' },
      helpItem,
      backItem,
    ];
    const pick = await c.ask.choose(message, items, { default: before?.kind === 'value' ? 'type' : 'generate' });
    if (pick === HELP) return { kind: 'help' };
    if (pick === BACK) return { kind: 'back' };
    if (pick === 'generate') return { kind: 'event', event: { type: 'secret', choice: { kind: 'generate' } } };
  }
  const keep = before?.kind === 'value' ? ', Enter keeps the one given before' : '';
  const typed = await c.ask.secret(spec ? `${q.prompt} (hidden${keep}; < to choose again)` : `${message} (hidden${keep})`);
  const cmd = command(typed);
  // After "Type it", `<` goes back to that choice, not to the question before.
  if (cmd) return cmd.kind === 'back' && spec ? { kind: 'again' } : cmd;
  if (typed === '' && before?.kind === 'value') return { kind: 'event', event: { type: 'secret', choice: before } };
  return { kind: 'event', event: { type: 'secret', choice: { kind: 'value', value: typed } } };
}

/** Every answer (secrets only as "generated" or "(typed, hidden)"), then continue, edit one, or quit. */
async function review(c: Context, s: WizardState): Promise<'continue' | 'quit' | WizardEvent> {
  c.say('');
  c.say('Review your answers (secrets are never shown):');
  for (const line of reviewLines(s)) c.say(line);
  const visible = visibleQuestions(s.questions, s.answers);
  for (;;) {
    const next = await c.ask.choose<'continue' | 'edit' | 'quit'>(
      'What next?',
      [
        { value: 'continue', label: 'Continue', description: 'Check the answers and show the plan; nothing is written before you confirm.' },
        { value: 'edit', label: 'Edit an answer' },
        { value: 'quit', label: 'Quit without writing anything' },
      ],
      { default: 'continue' },
    );
    if (next !== 'edit') return next;
    const id = await c.ask.choose('Which answer?', [...visible.map((q) => ({ value: q.id, label: `${q.id}: ${shownAnswer(q, s)}` })), { value: '', label: '< Back to the review' }]);
    if (id !== '') return { type: 'edit', id };
  }
}

/**
 * While steps run no prompt reads the input, so Ctrl-C is watched here: a terminal is put in raw mode (as
 * the prompts do) so that Ctrl-C arrives as the byte 0x03 instead of killing the process with SIGINT.
 */
function watchInterrupts(io: PlainIo, stop: (why: string) => void): () => void {
  const onAbort = () => stop('Stopped');
  if (io.signal?.aborted) onAbort();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const tty = io.input as NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  const raw = tty.isTTY === true && typeof tty.setRawMode === 'function';
  if (raw) tty.setRawMode!(true);
  const onData = (chunk: Buffer | string) => {
    if (String(chunk).includes('\x03')) stop('Ctrl-C');
  };
  io.input.on('data', onData);
  io.input.resume();
  return () => {
    io.signal?.removeEventListener('abort', onAbort);
    io.input.removeListener('data', onData);
    if (raw) tty.setRawMode!(false);
    io.input.pause();
  };
}
