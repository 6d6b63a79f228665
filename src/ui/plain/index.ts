import { ExitCode } from '../../core/errors.js';
import { generateSpecOf, type ChoiceQuestion, type Question, type SecretQuestion } from '../../core/questions/types.js';
import type { RunEvent } from '../../core/run/events.js';
import { formatEvent } from '../../core/run/format.js';
import { currentQuestion, parseTyped, position, reduce, start, suggested, toAnswersData, visibleQuestions, type WizardEvent, type WizardState } from '../../core/wizard/machine.js';
import type { ApplyOutcome, TerminalInfo, WizardPorts } from '../ports.js';
import { exitCodeFor } from '../exit-code.js';
import { createPrompter, PromptCancelled, type Item, type PlainIo, type Prompter } from './prompts.js';
import { helpLines, planLines, problemLines, reviewLines, shownAnswer, summaryLines, toAscii } from './text.js';

export type { PlainIo } from './prompts.js';

/**
 * The plain wizard (`--plain`, TERM=dumb): the same flow as the Ink wizard, asked line after line on the
 * given streams, for serial consoles, screen readers and terminals where full-screen redraws misbehave.
 * Everything we print is a whole line, printed once; the prompts come from @inquirer/prompts.
 *
 * Exit code: 0 done (or files written), 4 a bootstrap step failed, 130 cancelled or interrupted,
 * 3 refused before writing (a preflight check or a blocked target).
 */
export async function runPlainWizard(ports: WizardPorts, terminal: TerminalInfo, io: PlainIo): Promise<number> {
  const ascii = terminal.unicode ? (text: string) => text : toAscii;
  const printer = createPrinter(io.output, ascii);
  const ask = createPrompter(terminal, io, ascii);
  const c: Session = { ports, io, ask, say: printer.say };
  try {
    return await wizard(c);
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    c.say('');
    c.say('Cancelled: nothing was written.');
    return ExitCode.interrupted;
  } finally {
    ask.close();
    printer.close();
  }
}

interface Session {
  readonly ports: WizardPorts;
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

type InstalledAction = 'reconfigure' | 'resume' | 'rotate' | 'quit';

async function wizard(c: Session): Promise<number> {
  const { ports } = c;
  const { stack } = ports;
  let s: WizardState;
  if (ports.install.kind === 'installed') {
    const { answers, secrets, unfinished } = ports.install;
    c.say(`${stack.title} is already set up in ${ports.dir}.`);
    if (unfinished) c.say(`Its last bootstrap did not finish${unfinished.failedStep ? ` (it stopped at step ${unfinished.failedStep})` : ''}; last recorded ${unfinished.updatedAt}.`);
    const items: Item<InstalledAction>[] = [
      { value: 'reconfigure', label: 'Reconfigure', description: 'Start from the answers of the last apply, change what you need, see the plan, apply.' },
      ...(unfinished ? [{ value: 'resume' as const, label: 'Resume the unfinished bootstrap', description: 'Continue at the first step that did not finish; finished steps are not redone.' }] : []),
      { value: 'rotate', label: 'Rotate a secret', disabled: '(comes in a later version)' },
      { value: 'quit', label: 'Quit', description: 'Change nothing.' },
    ];
    const action = await c.ask.choose('What do you want to do?', items, { default: unfinished ? 'resume' : 'reconfigure' });
    if (action === 'quit') {
      c.say('Nothing was changed.');
      return ExitCode.ok;
    }
    if (action === 'resume') return run(c, 'Resuming the unfinished bootstrap.', (emit, signal) => ports.resume(emit, signal));
    s = start(stack.questions, { answers: { ...answers }, secrets: { ...secrets } });
  } else {
    s = start(stack.questions);
  }

  c.say(`Setting up ${stack.title} in ${ports.dir}: ${visibleQuestions(s.questions, s.answers).length} questions, nothing is written before you say so.`);
  c.say('Enter takes the default shown in parentheses. Type ? for help on a question, < to go back to the previous one. Ctrl-C quits without writing anything.');
  if (s.current === undefined) c.say('Every answer is there from the last apply: here they are to review.');
  for (;;) {
    while (s.current !== undefined) s = await askCurrent(c, s);
    const next = await review(c, s);
    if (next.action === 'quit') {
      c.say('Quit: nothing was written.');
      return ExitCode.interrupted;
    }
    if (next.action === 'edit') {
      s = next.state;
      continue;
    }
    c.say('');
    c.say('Checking the answers and making the plan (nothing is written yet)...');
    const data = toAnswersData(s, stack.id);
    const preview = await ports.preview(data);
    if (!preview.ok) {
      c.say('The answers cannot be used as they are:');
      for (const line of problemLines(preview.problems)) c.say(line);
      c.say('Edit the answers named above.');
      continue;
    }
    const { plan } = preview;
    c.say('');
    for (const line of planLines(plan, stack.title, ports.dir)) c.say(line);
    c.say('');
    if (plan.blocked.length) {
      c.say('Applying would stop before writing anything: a target above is BLOCKED. Fix it (or change the answers) first.');
      continue;
    }
    const writes = plan.files.filter((f) => f.status !== 'unchanged').length;
    const go = await c.ask.yesNo(`Apply? It writes ${writes} file(s)${plan.steps.length ? ` and runs ${plan.steps.length} bootstrap steps` : ''}.`, { default: false });
    if (!go) {
      c.say('Not applied; back to the review.');
      continue;
    }
    return run(c, 'Applying: writing the files, then running the bootstrap steps.', (emit, signal) => ports.apply(data, emit, signal));
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

/** Asks the question on screen once and feeds the reply to the machine. */
async function askCurrent(c: Session, s: WizardState): Promise<WizardState> {
  const q = currentQuestion(s)!;
  const { index, total } = position(s);
  const message = `[${index}/${total}] ${q.section}: ${q.prompt}`;
  const reply = q.kind === 'secret' ? await askSecret(c, s, q, message) : q.kind === 'choice' ? await askChoice(c, s, q, message) : await askTyped(c, s, q, message);
  switch (reply.kind) {
    case 'again':
      return s;
    case 'help':
      for (const line of helpLines(q, s)) c.say(line);
      return s;
    case 'back': {
      const back = reduce(s, { type: 'back' });
      if (back.history.length === s.history.length) c.say('This is the first question: there is nothing before it.');
      return back;
    }
    case 'error':
      c.say(`Not accepted: ${reply.error}`);
      return s;
    case 'event': {
      const next = reduce(s, reply.event);
      if (next.error !== undefined) c.say(`Not accepted: ${next.error}`);
      return next;
    }
  }
}

/** Text, numbers, paths, yes/no: typed, with the default taken by Enter. */
async function askTyped(c: Session, s: WizardState, q: Exclude<Question, SecretQuestion | ChoiceQuestion>, message: string): Promise<Reply> {
  const shown = suggested(s, q);
  const isYesNo = q.kind === 'boolean';
  const def = shown === undefined ? undefined : isYesNo ? (shown === true ? 'yes' : 'no') : String(shown);
  const typed = await c.ask.text(isYesNo ? `${message} (yes/no)` : message, def === undefined ? {} : { default: def });
  const cmd = command(typed);
  if (cmd) return cmd;
  const parsed = parseTyped(q, typed);
  return 'error' in parsed ? { kind: 'error', error: parsed.error } : { kind: 'event', event: { type: 'answer', value: parsed.value } };
}

async function askChoice(c: Session, s: WizardState, q: ChoiceQuestion, message: string): Promise<Reply> {
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
async function askSecret(c: Session, s: WizardState, q: SecretQuestion, message: string): Promise<Reply> {
  const spec = generateSpecOf(q, s.answers);
  const before = s.secrets[q.id];
  if (spec) {
    const kept = c.ports.install.kind === 'installed' && c.ports.install.secrets[q.id]?.kind === 'generate';
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

type ReviewNext = { readonly action: 'continue' } | { readonly action: 'quit' } | { readonly action: 'edit'; readonly state: WizardState };

/** Every answer (secrets only as "generated" or "(typed, hidden)"), then continue, edit one, or quit. */
async function review(c: Session, s: WizardState): Promise<ReviewNext> {
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
    if (next !== 'edit') return { action: next };
    const id = await c.ask.choose('Which answer?', [...visible.map((q) => ({ value: q.id, label: `${q.id}: ${shownAnswer(q, s)}` })), { value: '', label: '< Back to the review' }]);
    if (id !== '') return { action: 'edit', state: reduce(s, { type: 'edit', id }) };
  }
}

/**
 * Apply or resume, with one formatted line per runner event. Ctrl-C (a key while stdin is in raw mode) or
 * the caller's signal aborts the run: the runner stops the running step cleanly and reports it.
 */
async function run(c: Session, intro: string, go: (emit: (e: RunEvent) => void, signal: AbortSignal) => Promise<ApplyOutcome>): Promise<number> {
  const controller = new AbortController();
  const stop = (why: string) => {
    if (controller.signal.aborted) return;
    c.say(`${why}: stopping the running steps...`);
    controller.abort(why);
  };
  c.say('');
  c.say(intro);
  c.say('Ctrl-C stops the running step cleanly; finished steps are recorded for resume.');
  const unwatch = watchInterrupts(c.io, stop);
  let outcome: ApplyOutcome;
  try {
    outcome = await go((e) => c.say(formatEvent(e)), controller.signal);
  } finally {
    unwatch();
  }
  for (const line of summaryLines(outcome, c.ports.dir)) c.say(line);
  return exitCodeFor(outcome);
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
