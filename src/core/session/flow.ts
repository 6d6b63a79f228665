import { applySkips } from '../checks/outcome.js';
import { ExitCode, type Problem } from '../errors.js';
import type { AnswerValue } from '../questions/types.js';
import { typedBack } from '../run/consent.js';
import type { StackAbout } from '../stack.js';
import { reduce, start, toAnswers, type SecretChoice } from '../wizard/machine.js';
import { continueFrom, draftOf, type DraftBase } from './draft.js';
import type { RunOutcome } from './outcome.js';
import { applyRunEvent, emptyProgress } from './progress.js';
import type { ChecksChoice, Effect, InstallStatus, RunKind, Screen, SessionInput, SessionState, StartChoice, StepAnswer, StepQuestion } from './types.js';

export type { ChecksChoice, Effect, InstallStatus, RunKind, Screen, SessionInput, SessionStack, SessionState, StartChoice, StepAnswer, StepName, StepQuestion, Unfinished } from './types.js';

/**
 * The interactive session as a pure state machine: pick the server → start (an existing install, or a
 * draft) → questions → review → plan → preflight (failed checks: check again, skip one, files only, back)
 * → apply → progress (a destructive step confirmed on a screen of its own) → summary → the draft of
 * unsaved answers, with its back edges. The Ink and
 * the plain frontends draw `state.screen` and feed the person's input; src/app/session.ts runs the effects
 * (loading a server, the install and resume services) and feeds their results back. Nothing here waits,
 * draws or touches the world.
 */

/** The session's endings, in the CLI's exit codes. */
export const SessionExit = { done: ExitCode.ok, refused: ExitCode.preflight, stepFailed: ExitCode.stepFailed, cancelled: ExitCode.interrupted } as const;

/** How a run ended, as the process's exit code. */
export function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'succeeded':
    case 'written':
      return SessionExit.done;
    case 'failed':
      return SessionExit.stepFailed;
    case 'interrupted':
    case 'declined':
      return SessionExit.cancelled;
    case 'refused':
      return SessionExit.refused;
  }
}

type Step = { readonly state: SessionState; readonly effects: readonly Effect[] };

/** Said on Esc where there is nothing to go back to. */
export const NOTHING_BEFORE = 'There is nothing before this: it is the first screen. Ctrl-C quits.';
export const NOTHING_BEFORE_QUESTION = 'This is the first question: there is nothing before it.';
export const RUNNING = 'The bootstrap is running: Ctrl-C stops it (after asking); `fieldstation resume` continues it later.';

const stay = (state: SessionState): Step => ({ state, effects: [] });
const end = (state: SessionState, code: number): Step => ({ state: { ...state, screen: { kind: 'done', code } }, effects: [{ kind: 'exit', code }] });
const wizardScreen = (problems: readonly Problem[] = []): Screen => ({ kind: 'wizard', checking: false, problems });
const running = (s: SessionState, run: RunKind, effect: Effect): Step => ({ state: { ...s, run, screen: { kind: 'preflight', results: undefined }, preflight: undefined, progress: emptyProgress, declined: undefined }, effects: [effect] });

/** Where the wizard starts from in this folder: its install's answers and secrets, or nothing. */
const baseOf = (install: InstallStatus | undefined): DraftBase => (install?.kind === 'installed' ? { answers: install.answers, secrets: install.secrets } : { answers: {}, secrets: {} });

/** Whether the session came through the start screen (Esc before the first question goes back to it). */
const hasStart = (s: SessionState): boolean => s.install?.kind === 'installed' || s.install?.draft !== undefined;

/** The answers given in this session that no file holds yet (nothing was written), as a draft to save. */
const unsavedDraft = (s: SessionState) => (s.written || !s.stack ? undefined : draftOf(s.stack.about.id, s.wizard, baseOf(s.install)));

/** Whether ending now would save a draft: the quit question says so. */
export const hasUnsavedAnswers = (s: SessionState): boolean => unsavedDraft(s) !== undefined;

/**
 * The session ends with `code`: first, unless files were written in it, the answers given are saved as a
 * draft (nothing typed is lost to a quit, a Ctrl-C or a dropped connection).
 */
function endSession(s: SessionState, code: number): Step {
  const draft = unsavedDraft(s);
  if (!draft) return end(s, code);
  return { state: { ...s, screen: { kind: 'saving', code } }, effects: [{ kind: 'save-draft', draft }] };
}

/**
 * What the start screen offers, in order, and which is chosen when the person just presses Enter: an
 * unfinished bootstrap's resume first, else a draft's continuation. Rotating secrets, shown by the
 * frontends as "later", is no choice of the session's.
 */
export function startChoices(s: SessionState): { readonly choices: readonly StartChoice[]; readonly preferred: StartChoice } {
  const install = s.install;
  const unfinished = install?.kind === 'installed' && install.unfinished !== undefined;
  const choices: StartChoice[] = [
    ...(install?.draft ? (['continue-draft', 'discard-draft'] as const) : install?.kind === 'installed' ? (['reconfigure'] as const) : []),
    ...(unfinished ? (['resume'] as const) : []),
    'quit',
  ];
  return { choices, preferred: unfinished ? 'resume' : choices[0]! };
}

/**
 * The first state: the server picker when there is a choice, else the given (or only) server loading.
 * `stackId`: from --stack, or the install already in DIR.
 */
export function startSession(dir: string, servers: readonly StackAbout[], stackId: string | undefined): Step {
  const state: SessionState = { dir, servers, screen: { kind: 'loading' }, stack: undefined, install: undefined, wizard: undefined, preflight: undefined, progress: emptyProgress, run: undefined, written: false, notice: undefined, draft: undefined, declined: undefined };
  const id = stackId ?? (servers.length === 1 ? servers[0]!.id : undefined);
  if (id === undefined) return stay({ ...state, screen: { kind: 'pick-server' } });
  return { state, effects: [{ kind: 'load', id }] };
}

/** The one transition function: (state, input) -> state and the effects to run. Inputs a screen does not take are ignored. */
export function advance(before: SessionState, input: SessionInput): Step {
  const step = take(before, input);
  // A notice answers one key: the next input that changes anything clears it.
  if (step.state === before || before.notice === undefined || step.state.notice !== before.notice) return step;
  return { ...step, state: { ...step.state, notice: undefined } };
}

function take(s: SessionState, input: SessionInput): Step {
  const screen = s.screen.kind;
  switch (input.type) {
    case 'pick':
      if (screen !== 'pick-server' || !s.servers.some((x) => x.id === input.id)) return stay(s);
      return { state: { ...s, screen: { kind: 'loading' } }, effects: [{ kind: 'load', id: input.id }] };
    case 'loaded': {
      if (screen !== 'loading') return stay(s);
      const loaded = { ...s, stack: input.stack, install: input.install };
      if (hasStart(loaded)) return stay({ ...loaded, screen: { kind: 'start' } });
      return stay({ ...loaded, wizard: start(input.stack.questions), screen: wizardScreen() });
    }
    case 'start-choice':
      return startChoice(s, input.choice);
    case 'wizard': {
      if (screen !== 'wizard' || !s.wizard || s.screen.kind !== 'wizard' || s.screen.checking) return stay(s);
      const w = s.wizard;
      // Esc where the machine has nothing before: back to the start screen, or a word saying so.
      if (input.event.type === 'back' && !w.editing && w.history.length === 0) {
        if (hasStart(s)) return stay({ ...s, screen: { kind: 'start' } });
        return stay({ ...s, wizard: { ...w, error: undefined }, notice: w.current === undefined ? NOTHING_BEFORE : NOTHING_BEFORE_QUESTION });
      }
      return stay({ ...s, wizard: reduce(w, input.event), screen: input.event.type === 'edit' ? wizardScreen() : s.screen });
    }
    case 'restore':
      if (s.screen.kind !== 'wizard' || s.screen.checking) return stay(s);
      return stay({ ...s, wizard: input.wizard });
    case 'continue': {
      if (s.screen.kind !== 'wizard' || s.screen.checking || !s.wizard || s.wizard.current !== undefined) return stay(s);
      return { state: { ...s, screen: { kind: 'wizard', checking: true, problems: [] } }, effects: [{ kind: 'install', answers: toAnswers(s.wizard) }] };
    }
    case 'planned':
      if (s.screen.kind !== 'wizard' || !s.screen.checking) return stay(s);
      return stay({ ...s, screen: { kind: 'plan', plan: input.plan } });
    case 'problems':
      if (s.screen.kind !== 'wizard' || !s.screen.checking) return stay(s);
      return stay({ ...s, screen: wizardScreen(input.problems) });
    case 'apply':
      // A plan with blocked targets cannot be applied: the frontends offer only "back" for it.
      if (s.screen.kind !== 'plan' || s.screen.plan.blocked.length > 0) return stay(s);
      return running(s, 'install', { kind: 'confirm', ok: true });
    case 'back':
      if (screen !== 'plan') return stay(s);
      // The install service ends as "declined"; the review is back at once.
      return { state: { ...s, screen: wizardScreen() }, effects: [{ kind: 'confirm', ok: false }] };
    case 'escape':
      if (screen === 'pick-server' || screen === 'start') return stay({ ...s, notice: NOTHING_BEFORE });
      if (screen === 'preflight' || screen === 'progress') return stay({ ...s, notice: RUNNING });
      if (screen === 'checks-failed') return checksChoice(s, { kind: 'back' });
      if (screen === 'confirm-step') return stepAnswer(s, { kind: 'no' });
      return stay(s);
    case 'checks-choice':
      return checksChoice(s, input.choice);
    case 'step-question':
      // Asked only while the run is on screen and not being stopped; while it stops (or, which the runner
      // never does, while another question is open) nobody is asked, and it is a no. There is no run elsewhere.
      if (screen === 'preflight' || (s.screen.kind === 'progress' && !s.screen.stopping)) return stay({ ...s, screen: { kind: 'confirm-step', question: input.question } });
      if (screen === 'progress' || screen === 'confirm-step') return { state: s, effects: [{ kind: 'step-decision', run: false }] };
      return stay(s);
    case 'step-answer':
      return stepAnswer(s, input.answer);
    case 'preflight':
      // Results may still come after a stop was asked for (the progress screen): they are kept.
      if (screen === 'progress') return stay({ ...s, preflight: input.results });
      if (screen !== 'preflight') return stay(s);
      return stay({ ...s, preflight: input.results, screen: { kind: 'preflight', results: input.results } });
    case 'checks-failed':
      if (screen !== 'preflight' || !s.run) return stay(s);
      return stay({ ...s, preflight: input.results, screen: { kind: 'checks-failed', results: input.results, run: s.run } });
    case 'files-written':
    case 'run-event': {
      if (screen !== 'preflight' && screen !== 'progress' && screen !== 'confirm-step') return stay(s);
      const stopping = s.screen.kind === 'progress' && s.screen.stopping;
      const progress = input.type === 'run-event' ? applyRunEvent(s.progress, input.event) : s.progress;
      // An install runs steps only once its files (and answers.yaml) are written: from then on there is no draft to keep.
      const written = s.written || input.type === 'files-written' || s.run === 'install';
      // Steps started before the question go on: their events update the progress, the question stays.
      return stay({ ...s, progress, written, screen: s.screen.kind === 'confirm-step' ? s.screen : { kind: 'progress', stopping } });
    }
    case 'finished':
      // A declined plan (or declined failed checks) already went back.
      if (input.outcome.status === 'declined') return stay(s);
      if (screen !== 'preflight' && screen !== 'progress' && screen !== 'confirm-step') return stay(s);
      return stay({ ...s, screen: { kind: 'summary', outcome: input.outcome } });
    case 'summary-shown':
      if (s.screen.kind !== 'summary') return stay(s);
      return endSession(s, exitCodeFor(s.screen.outcome));
    case 'draft-saved':
      if (s.screen.kind !== 'saving') return stay(s);
      return end({ ...s, draft: input.saved }, s.screen.code);
    case 'quit':
      if (screen === 'progress' || screen === 'preflight' || screen === 'confirm-step' || screen === 'summary' || screen === 'saving' || screen === 'done') return stay(s);
      return endSession(s, SessionExit.done);
    case 'interrupt':
      // Ctrl-C, SIGTERM, SIGHUP or the terminal's end while a destructive step waits: it is a no, and the run stops.
      if (s.screen.kind === 'confirm-step') return { state: { ...s, declined: s.screen.question, screen: { kind: 'progress', stopping: true } }, effects: [{ kind: 'step-decision', run: false }, { kind: 'stop' }] };
      if (s.screen.kind === 'progress' || s.screen.kind === 'preflight') {
        if (s.screen.kind === 'progress' && s.screen.stopping) return stay(s);
        return { state: { ...s, screen: { kind: 'progress', stopping: true } }, effects: [{ kind: 'stop' }] };
      }
      if (screen === 'summary' || screen === 'saving' || screen === 'done') return stay(s);
      return endSession(s, SessionExit.cancelled);
  }
}

function startChoice(s: SessionState, choice: StartChoice): Step {
  if (s.screen.kind !== 'start' || !s.stack || !startChoices(s).choices.includes(choice)) return stay(s);
  const { questions } = s.stack;
  const install = s.install!;
  switch (choice) {
    case 'quit':
      return endSession(s, SessionExit.done);
    case 'resume':
      return running(s, 'resume', { kind: 'resume' });
    case 'reconfigure':
    case 'continue-draft': {
      // Back here by Esc: the wizard as it was left.
      const base = choice === 'continue-draft' ? continueFrom(baseOf(install), install.draft!) : baseOf(install);
      const wizard = s.wizard ?? start(questions, { answers: { ...base.answers }, secrets: { ...base.secrets } });
      return stay({ ...s, wizard, screen: wizardScreen() });
    }
    case 'discard-draft': {
      const kept = { ...install, draft: undefined };
      const base = baseOf(kept);
      const wizard = kept.kind === 'installed' ? start(questions, { answers: { ...base.answers }, secrets: { ...base.secrets } }) : start(questions);
      return { state: { ...s, install: kept, wizard, screen: wizardScreen() }, effects: [{ kind: 'discard-draft' }] };
    }
  }
}

function checksChoice(s: SessionState, choice: ChecksChoice): Step {
  if (s.screen.kind !== 'checks-failed') return stay(s);
  const { results, run } = s.screen;
  const decided = (screen: Screen): Step => ({ state: { ...s, screen }, effects: [{ kind: 'checks-decision', decision: choice }] });
  switch (choice.kind) {
    case 'again':
      return decided({ kind: 'preflight', results: undefined });
    case 'skip':
      if (!results.some((r) => r.name === choice.name && r.status === 'fail')) return stay(s);
      return decided({ kind: 'preflight', results: applySkips(results, [choice.name], 'person') });
    case 'files-only':
      // A resume has its files already: there is nothing to write.
      return run === 'install' ? decided({ kind: 'preflight', results }) : stay(s);
    case 'back':
      // The service ends as "declined"; the review (or the start screen) is back at once, every answer kept.
      return decided(run === 'install' ? wizardScreen() : { kind: 'start' });
  }
}

/**
 * Whether the answer runs the step: a yes for a yes-no question; for a step that wipes a device only its
 * path typed back (anything else typed is a no, and a bare yes is not taken). Undefined: not an answer to
 * this question, ignored.
 */
export function runsStep(question: StepQuestion, answer: StepAnswer): boolean | undefined {
  if (answer.kind === 'no') return false;
  if (question.kind === 'yes-no') return answer.kind === 'yes' ? true : undefined;
  return answer.kind === 'typed' ? typedBack(answer.text, question.device) : undefined;
}

/** The person answered the confirmation: back to the run, which starts the step or stops before it. */
function stepAnswer(s: SessionState, answer: StepAnswer): Step {
  if (s.screen.kind !== 'confirm-step') return stay(s);
  const question = s.screen.question;
  const run = runsStep(question, answer);
  if (run === undefined) return stay(s);
  return { state: { ...s, declined: run ? s.declined : question, screen: { kind: 'progress', stopping: false } }, effects: [{ kind: 'step-decision', run }] };
}

/** The answers given so far, for a frontend that shows them (the review). */
export const answersOf = (s: SessionState): Readonly<Record<string, AnswerValue>> => s.wizard?.answers ?? {};
export type { SecretChoice };
export type { DraftFound, DraftSaved, DraftToSave } from './draft.js';
