import { checkLines } from './text.js';
import { startChoices, type SessionState } from '../../core/session/flow.js';
import { checksHeading, checksOptions, draftLine, draftLines, startOption, unfinishedLine } from '../session-words.js';
import type { Context } from './context.js';
import type { Item } from './prompts.js';

/** The plain wizard's session screens: the start screen, the failed checks, the draft's last words. */

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

/** Where the unfinished answers were saved, once the session has ended. */
export function sayDraft(c: Context, s: SessionState): void {
  if (!s.draft) return;
  for (const line of draftLines(s.draft, s.dir)) c.say(line);
}
