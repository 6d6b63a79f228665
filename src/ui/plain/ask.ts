import { describeGenerated } from '../../core/secrets/generate.js';
import { typedSecretProblem } from '../../core/answers/check.js';
import { kindOf } from '../../core/questions/kinds/index.js';
import { generateSpecOf, type ChoiceQuestion, type Question, type SecretQuestion } from '../../core/questions/types.js';
import { currentQuestion, parseTyped, position, suggested, visibleQuestions, type WizardEvent, type WizardState } from '../../core/wizard/machine.js';
import type { Context } from './context.js';
import { PROBLEM, type Item } from './prompts.js';
import { helpLines, reviewLines, shownAnswer } from './text.js';

/**
 * What one prompt gave: an event for the machine (with what to confirm once it is accepted), or help,
 * back, a typing mistake, or ask the same again.
 */
type Reply = { readonly kind: 'event'; readonly event: WizardEvent; readonly accepted?: string } | { readonly kind: 'help' } | { readonly kind: 'back' } | { readonly kind: 'error'; readonly error: string } | { readonly kind: 'again' };

const HELP = 'help' as const;
const BACK = 'back' as const;
// Typed words, not listed: the start of the session says once what ? and < do.
const helpItem = { value: HELP, label: 'help', word: '?' };
const backItem = { value: BACK, label: 'back', word: '<' };
/** Marks an answer the session took: only ever after it took it, never before a check that may refuse it. */
const OK = '[ok]';

/** `?` and `<` typed alone are the two commands: a text answer of just `?` or `<` cannot be typed here. */
const command = (typed: string): Reply | undefined => (typed.trim() === '?' ? { kind: 'help' } : typed.trim() === '<' ? { kind: 'back' } : undefined);

/** Asks the question on screen once and feeds the reply to the session. */
export async function askCurrent(c: Context, s: WizardState): Promise<void> {
  const q = currentQuestion(s)!;
  const { index, total } = position(s);
  const message = `[${index}/${total}] ${q.section}: ${q.prompt}`;
  // Each kind is asked as its field is: a list, a hidden secret, or a typed line (with the kind's hint).
  const field = kindOf(q).field;
  const reply = field === 'secret' ? await askSecret(c, s, q as SecretQuestion, message) : field === 'choice' ? await askChoice(c, s, q as ChoiceQuestion, message) : await askTyped(c, s, q as Exclude<Question, SecretQuestion | ChoiceQuestion>, message);
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
      c.say(`${PROBLEM} ${reply.error}`);
      return;
    case 'event': {
      c.session.send({ type: 'wizard', event: reply.event });
      const error = c.session.state().wizard?.error;
      if (error !== undefined) c.say(`${PROBLEM} ${error}`);
      else if (reply.accepted !== undefined) c.say(`${OK} ${reply.accepted}`);
    }
  }
}

/** Text, numbers, paths, yes/no: typed, with the default taken by Enter. */
async function askTyped(c: Context, s: WizardState, q: Exclude<Question, SecretQuestion | ChoiceQuestion>, message: string): Promise<Reply> {
  const shown = suggested(s, q);
  const isYesNo = q.kind === 'boolean';
  const def = shown === undefined ? undefined : isYesNo ? (shown === true ? 'yes' : 'no') : String(shown);
  const hint = kindOf(q).hint?.(q);
  const typed = await c.ask.text(hint ? `${message} (${hint})` : message, def === undefined ? {} : { default: def });
  const cmd = command(typed);
  if (cmd) return cmd;
  const parsed = parseTyped(q, typed);
  return 'error' in parsed ? { kind: 'error', error: parsed.error } : { kind: 'event', event: { type: 'answer', value: parsed.value } };
}

async function askChoice(c: Context, s: WizardState, q: ChoiceQuestion, message: string): Promise<Reply> {
  type Pick = { readonly answer: string } | typeof HELP | typeof BACK;
  const items: Item<Pick>[] = q.choices.map((ch) => ({ value: { answer: ch.value }, label: ch.label, key: ch.value, ...(ch.help !== undefined ? { description: ch.help } : {}) }));
  const shown = suggested(s, q);
  const def = items.find((i) => typeof i.value === 'object' && i.value.answer === shown)?.value;
  const pick = await c.ask.choose<Pick>(message, [...items, helpItem, backItem], def === undefined ? {} : { default: def });
  if (pick === HELP) return { kind: 'help' };
  if (pick === BACK) return { kind: 'back' };
  // Picked by its number: say which choice that was.
  return { kind: 'event', event: { type: 'answer', value: pick.answer }, accepted: q.choices.find((ch) => ch.value === pick.answer)?.label ?? pick.answer };
}

/**
 * A secret: "Generate one for me / Type it" when the catalogue can generate it here, else typed at once.
 * Typed input is hidden; nothing of it is ever printed. Enter on an empty line keeps a value typed before.
 * A typed value is checked first (no point typing twice what is refused), then typed again to confirm,
 * since nobody can see a typo in hidden input: a mismatch asks for both again.
 */
async function askSecret(c: Context, s: WizardState, q: SecretQuestion, message: string): Promise<Reply> {
  const spec = generateSpecOf(q, s.answers);
  const before = s.secrets[q.id];
  // Reconfiguring: the value in use can only be kept or replaced, never shown or retyped.
  if (before?.kind === 'keep') {
    const pick = await c.ask.choose(message, [
      { value: 'keep', label: 'Keep the current one', description: 'The value in use stays; it is never shown.' },
      { value: 'type', label: 'Type a new one', description: 'Hidden as you type; never shown again.' },
      helpItem,
      backItem,
    ], { default: 'keep' });
    if (pick === HELP) return { kind: 'help' };
    if (pick === BACK) return { kind: 'back' };
    if (pick === 'keep') return { kind: 'event', event: { type: 'secret', choice: before } };
  } else if (spec) {
    const install = c.session.state().install;
    const kept = install?.kind === 'installed' && install.secrets[q.id]?.kind === 'generate';
    const items: Item<'generate' | 'type' | typeof HELP | typeof BACK>[] = [
      kept
        ? { value: 'generate', label: 'Keep the generated one', description: 'The value written by the last apply stays.' }
        : { value: 'generate', label: 'Generate one for me', description: `${describeGenerated(spec)}; kept on every later run.` },
      { value: 'type', label: 'Type it', description: 'Hidden as you type; never shown again.' },
      helpItem,
      backItem,
    ];
    const pick = await c.ask.choose(message, items, { default: before?.kind === 'value' ? 'type' : 'generate' });
    if (pick === HELP) return { kind: 'help' };
    if (pick === BACK) return { kind: 'back' };
    if (pick === 'generate') return { kind: 'event', event: { type: 'secret', choice: { kind: 'generate' } }, accepted: items[0]!.label };
  }
  const keep = before?.kind === 'value' ? ', Enter keeps the one given before' : '';
  const chose = spec !== undefined || before?.kind === 'keep';
  const prompt = chose ? `${q.prompt} (hidden${keep}; < to choose again)` : `${message} (hidden${keep})`;
  for (;;) {
    const typed = await c.ask.secret(prompt);
    const cmd = command(typed);
    // After "Type it", `<` goes back to that choice, not to the question before.
    if (cmd) return cmd.kind === 'back' && chose ? { kind: 'again' } : cmd;
    if (typed === '' && before?.kind === 'value') return { kind: 'event', event: { type: 'secret', choice: before } };
    const problem = typedSecretProblem(q, typed, s.answers);
    if (problem !== undefined) {
      c.say(`${PROBLEM} The value ${problem}`);
      continue;
    }
    const again = await c.ask.secret('Type it again to confirm (hidden; < to start over)');
    if (again === typed) return { kind: 'event', event: { type: 'secret', choice: { kind: 'value', value: typed } }, accepted: 'Both entries match; the value stays hidden.' };
    if (command(again)?.kind !== 'back') c.say(`${PROBLEM} The two entries differ: type the value again, then once more to confirm.`);
  }
}

/** Every answer (secrets only as "generated" or "(typed, hidden)"), then continue, edit one, or quit. */
export async function review(c: Context, s: WizardState): Promise<'continue' | 'quit' | WizardEvent> {
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
    const id = await c.ask.choose('Which answer? (< goes back to the review)', [...visible.map((q) => ({ value: q.id, label: `${q.id}: ${shownAnswer(q, s)}` })), { value: '', label: 'back', word: '<' }]);
    if (id !== '') return { type: 'edit', id };
  }
}

