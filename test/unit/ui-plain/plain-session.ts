import { onTestFailed } from 'vitest';
import { runPlainWizard, type PlainIo } from '../../../src/ui/plain/index.js';
import type { TerminalInfo } from '../../../src/ui/terminal-info.js';
import { CHECKS_PASSED, OUTCOME_OK, STEPS_OK } from '../ui/beacon-run.js';
import { scriptedSession, type Script, type ScriptedRun, type ScriptOptions } from '../ui/scripted-session.js';
import { ENTER, ScriptedTerminal } from './terminal.js';

export const UNICODE: TerminalInfo = { unicode: true, color: false };

/** A whole successful run: the machine passes its checks, the files are written, the steps succeed. */
export function succeed(run: ScriptedRun): void {
  run.preflight(CHECKS_PASSED);
  run.filesWritten();
  run.emit(...STEPS_OK);
  run.finish(OUTCOME_OK);
}

/** The plain wizard on a scripted session (runs succeed unless the options say otherwise) and a scripted terminal. */
export function plainSession(options: ScriptOptions = {}, terminal: TerminalInfo = UNICODE, extra: Partial<PlainIo> = {}): { term: ScriptedTerminal; script: Script; done: Promise<number> } {
  const script = scriptedSession({ run: succeed, ...options });
  const term = new ScriptedTerminal();
  const done = term.watch(runPlainWizard(script.session, terminal, { input: term.input, output: term.output, ...extra }));
  // A wait that never matches ends at the test timeout: show what the wizard printed.
  onTestFailed(() => console.log(`The wizard printed:\n${term.text}`));
  return { term, script, done };
}

/** Beacon's questions as the plain wizard asks them, on the local path (8 questions). */
export const Q = {
  name: '[1/8] Site: Name of the field site?',
  domain: '[2/8] Site: Domain name of the logger?',
  root: '[3/8] Site: Folder for the readings?',
  sensors: '[4/8] Capacity: How many sensors? (1-500)',
  mode: '[5/8] Storage: Where are readings kept?',
  alerts: '[6/8] Alerts: Send an alert when a sensor goes quiet? (yes/no)',
  token: '[7/8] Keys: Upload token of the sensors?',
  vault: '[8/8] Keys: Key that encrypts the stored readings?',
};

/** Answers the site and capacity questions with every default, then local storage. */
export async function toStorage(term: ScriptedTerminal): Promise<void> {
  await term.answer(Q.name, `north-ridge${ENTER}`);
  await term.answer(Q.domain, `beacon.example.org${ENTER}`);
  await term.answer(Q.root, ENTER);
  await term.answer(Q.sensors, ENTER);
  await term.answer(Q.mode, `1${ENTER}`);
}

/** The guide said once at the start of line mode. */
export const GUIDE = 'At a question, type ? for its help or < to go back to the previous one.';

/** From the alerts question to the review: no alerts, every secret generated. */
export async function fromAlertsToReview(term: ScriptedTerminal): Promise<void> {
  await term.answer(Q.alerts, ENTER);
  await term.answer(Q.token, ENTER);
  await term.answer(Q.vault, ENTER);
  await term.waitFor('Review your answers');
}

export async function applyFromReview(term: ScriptedTerminal): Promise<void> {
  await term.answer('What next?', ENTER);
  await term.answer('Apply?', `y${ENTER}`);
}

export const lines = (text: string): string[] => text.split('\n').map((l) => l.trimEnd());
