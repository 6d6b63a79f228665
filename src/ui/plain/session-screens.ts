import { checkLines } from './text.js';
import { startChoices, type SessionState, type StepAnswer } from '../../core/session/flow.js';
import { checksHeading, checksOptions, declinedLine, draftLine, draftLines, startOption, stepQuestionWords, unfinishedLine } from '../session-words.js';
import type { Context } from './context.js';
import { PROBLEM, PromptCancelled, PromptWithdrawn, type Item } from './prompts.js';

/** The plain wizard's session screens: the start screen, the failed checks, a step's confirmation, the draft's last words. */

type StartItem = Parameters<typeof startOption>[0] | 'rotate';

/** A folder with an install or unfinished answers: what to do, the session's preferred choice first in the prompt's default. */
export async function askStart(c: Context, s: SessionState): Promise<void> {
  const install = s.install;
  if (!install || !s.stack) throw new Error('start screen without a folder to start from');
  c.say(install.kind === 'installed' ? `${s.stack.about.title} is already set up in ${s.dir}.` : `Setting up ${s.stack.about.title} in ${s.dir}.`);
  if (install.kind === 'installed' && install.unfinished) c.say(unfinishedLine(install.unfinished));
  const draft = draftLine(install);
  if (draft) c.say(draft);
  const { choices, preferred } = startChoices(s);
  const items: Item<StartItem>[] = choices.map((choice) => {
    const o = startOption(choice, install);
    return { value: choice, label: o.label, description: o.description };
  });
  if (install.kind === 'installed') items.splice(items.length - 1, 0, { value: 'rotate', label: 'Rotate a secret', disabled: '(comes in a later version)' });
  const action = await c.ask.choose<StartItem>('What do you want to do?', items, { default: preferred });
  if (action === 'rotate') return;
  if (action === 'quit') c.say('Nothing was changed.');
  if (action === 'resume') {
    c.say('');
    c.say(install.kind === 'installed' && install.unfinished?.status === 'not-run' ? 'Running the bootstrap.' : 'Resuming the unfinished bootstrap.');
    c.say('Ctrl-C asks, then stops the running step cleanly; finished steps are recorded for resume.');
  }
  if (action === 'discard-draft') c.say('The unfinished answers are deleted.');
  c.session.send({ type: 'start-choice', choice: action });
}

/** A check failed before anything was written: every result as doctor prints it, then what to do. */
export async function askChecks(c: Context, s: SessionState): Promise<void> {
  if (s.screen.kind !== 'checks-failed') return;
  const { results, run } = s.screen;
  // The checks that need a look were just printed with their fixes, as they came (printEvent): the
  // ones that passed complete the list doctor would print.
  c.say('');
  c.say(checksHeading(results));
  for (const line of checkLines(results.filter((r) => r.status === 'pass'))) c.say(`  ${line}`);
  for (const r of results.filter((x) => x.status === 'fail')) c.say(`  If you skip ${r.name}: ${r.ifSkipped ?? 'the steps that need it may fail.'}`);
  const options = checksOptions(results, run, s.dir);
  const index = await c.ask.choose('What now?', options.map((o, i) => ({ value: i, label: o.label, description: o.description })), { default: 0 });
  const choice = options[index]!.value;
  if (choice.kind === 'again') c.say('Checking the machine again...');
  if (choice.kind === 'back') c.say(run === 'install' ? 'Back to the review; nothing was written.' : 'Back; no step was run.');
  c.session.send({ type: 'checks-choice', choice });
}

/**
 * The bootstrap waits before a destructive step: what it does, the device's identity for a wipe, then a
 * yes or no (no by default), or the device's path typed back (anything else, an empty line too, is no).
 * Only a line typed at this question answers it. When the session moves on without the answer (SIGINT,
 * SIGTERM, SIGHUP: the flow took them as no) the prompt is withdrawn; the end of the input is a no too.
 */
export async function askStep(c: Context, s: SessionState): Promise<void> {
  const screen = s.screen;
  if (screen.kind !== 'confirm-step') return;
  const q = screen.question;
  const words = stepQuestionWords(q);
  const withdrawn = new AbortController();
  const off = c.session.subscribe(() => c.session.state().screen !== screen && withdrawn.abort());
  const width = Math.max(0, ...words.facts.map(([label]) => label.length));
  try {
    c.say('');
    if (q.kind === 'type-device') c.say(words.heading);
    for (const [label, value] of words.facts) c.say(`  ${label.padEnd(width)}  ${value}`);
    if (words.inUse !== undefined) c.say(`${PROBLEM} ${words.inUse}`);
    c.say(words.ask);
    const dropped = c.ask.discardTypedAhead();
    if (dropped > 0) c.say(`(${dropped} line(s) typed before this question were not taken as its answer.)`);
    const answer: StepAnswer =
      q.kind === 'yes-no'
        ? { kind: (await c.ask.yesNo(words.heading, { default: false, withdrawn: withdrawn.signal })) ? 'yes' : 'no' }
        : { kind: 'typed', text: await c.ask.text('Device path', { withdrawn: withdrawn.signal }) };
    c.session.send({ type: 'step-answer', answer });
    c.say(c.session.state().declined === q ? declinedLine(q) : `Running step ${q.step.id}.`);
  } catch (error) {
    // The session moved on: the progress and the summary say the rest.
    if (error instanceof PromptWithdrawn) return;
    if (!(error instanceof PromptCancelled)) throw error;
    // Ctrl-C read as a byte, or the input's end: no; the reader is done, the run goes on to its summary.
    c.session.send({ type: 'step-answer', answer: { kind: 'no' } });
    c.say(declinedLine(q));
  } finally {
    off();
  }
}

/** Where the unfinished answers were saved, once the session has ended. */
export function sayDraft(c: Context, s: SessionState): void {
  if (!s.draft) return;
  for (const line of draftLines(s.draft, s.dir)) c.say(line);
}
