import type { CheckResult } from '../checks/check.js';
import { ExitCode, type Problem } from '../errors.js';
import type { PlanView } from '../plan/view.js';
import type { AnswerValue, Question } from '../questions/types.js';
import type { RunEvent } from '../run/events.js';
import type { StackAbout } from '../stack.js';
import { reduce, start, toAnswers, type SecretChoice, type WizardEvent, type WizardState } from '../wizard/machine.js';
import type { RunOutcome } from './outcome.js';
import { applyRunEvent, emptyProgress, type ProgressModel } from './progress.js';

/**
 * The interactive session as a pure state machine: pick the server → start (an existing install) →
 * questions → review → plan → preflight → apply → progress → summary, with its back edges. The Ink and
 * the plain frontends draw `state.screen` and feed the person's input; src/app/session.ts runs the effects
 * (loading a server, the install and resume services) and feeds their results back. Nothing here waits,
 * draws or touches the world.
 */

/** What the wizard found in DIR before asking anything. */
export type InstallStatus =
  | { readonly kind: 'fresh' }
  | {
      readonly kind: 'installed';
      /** Answers recorded by the last apply, to start from (secrets as choices: kept ones count as generated). */
      readonly answers: Readonly<Record<string, AnswerValue>>;
      readonly secrets: Readonly<Record<string, SecretChoice>>;
      /** The last bootstrap did not finish: offer to resume it. */
      readonly unfinished: { readonly failedStep?: string; readonly updatedAt: string } | undefined;
    };

/** The chosen server, as far as the session needs it. */
export interface SessionStack {
  readonly about: StackAbout;
  readonly questions: readonly Question[];
}

export type Screen =
  /** A server is being loaded and the folder looked at. */
  | { readonly kind: 'loading' }
  | { readonly kind: 'pick-server' }
  /** DIR holds an install: reconfigure, resume or quit. */
  | { readonly kind: 'start' }
  /** A question, or the review when the wizard has none left to ask. */
  | { readonly kind: 'wizard'; readonly checking: boolean; readonly problems: readonly Problem[] }
  | { readonly kind: 'plan'; readonly plan: PlanView }
  /** The machine is being checked; then the files are written and the steps start. */
  | { readonly kind: 'preflight'; readonly results: readonly CheckResult[] | undefined }
  | { readonly kind: 'progress'; readonly stopping: boolean }
  | { readonly kind: 'summary'; readonly outcome: RunOutcome }
  | { readonly kind: 'done'; readonly code: number };

export interface SessionState {
  readonly dir: string;
  readonly servers: readonly StackAbout[];
  readonly screen: Screen;
  readonly stack: SessionStack | undefined;
  readonly install: InstallStatus | undefined;
  readonly wizard: WizardState | undefined;
  readonly preflight: readonly CheckResult[] | undefined;
  readonly progress: ProgressModel;
}

export type SessionInput =
  // From the person.
  | { readonly type: 'pick'; readonly id: string }
  | { readonly type: 'start-choice'; readonly choice: 'reconfigure' | 'resume' | 'quit' }
  | { readonly type: 'wizard'; readonly event: WizardEvent }
  /** Leaves a change started from the review as it was before (Esc on the changed question). */
  | { readonly type: 'restore'; readonly wizard: WizardState }
  /** On the review: check the answers and make the plan. */
  | { readonly type: 'continue' }
  /** On the plan: go. */
  | { readonly type: 'apply' }
  /** On the plan: back to the review. */
  | { readonly type: 'back' }
  /** Quit from a menu: nothing was changed (exit 0). */
  | { readonly type: 'quit' }
  /** Ctrl-C confirmed, SIGTERM or SIGHUP: a running bootstrap stops cleanly, otherwise the session ends (130). */
  | { readonly type: 'interrupt' }
  | { readonly type: 'summary-shown' }
  // From the effects.
  | { readonly type: 'loaded'; readonly stack: SessionStack; readonly install: InstallStatus }
  | { readonly type: 'planned'; readonly plan: PlanView }
  | { readonly type: 'problems'; readonly problems: readonly Problem[] }
  | { readonly type: 'preflight'; readonly results: readonly CheckResult[] }
  | { readonly type: 'files-written' }
  | { readonly type: 'run-event'; readonly event: RunEvent }
  | { readonly type: 'finished'; readonly outcome: RunOutcome };

export type Effect =
  | { readonly kind: 'load'; readonly id: string }
  /** Start the install service with these answers (flat, as the wizard holds them); it stops at `confirm`. */
  | { readonly kind: 'install'; readonly answers: Readonly<Record<string, unknown>> }
  | { readonly kind: 'confirm'; readonly ok: boolean }
  | { readonly kind: 'resume' }
  /** Stop the running bootstrap (its children get SIGTERM); the outcome follows. */
  | { readonly kind: 'stop' }
  | { readonly kind: 'exit'; readonly code: number };

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

const stay = (state: SessionState): Step => ({ state, effects: [] });
const end = (state: SessionState, code: number): Step => ({ state: { ...state, screen: { kind: 'done', code } }, effects: [{ kind: 'exit', code }] });
const wizardScreen = (problems: readonly Problem[] = []): Screen => ({ kind: 'wizard', checking: false, problems });

/**
 * The first state: the server picker when there is a choice, else the given (or only) server loading.
 * `stackId`: from --stack, or the install already in DIR.
 */
export function startSession(dir: string, servers: readonly StackAbout[], stackId: string | undefined): Step {
  const state: SessionState = { dir, servers, screen: { kind: 'loading' }, stack: undefined, install: undefined, wizard: undefined, preflight: undefined, progress: emptyProgress };
  const id = stackId ?? (servers.length === 1 ? servers[0]!.id : undefined);
  if (id === undefined) return stay({ ...state, screen: { kind: 'pick-server' } });
  return { state, effects: [{ kind: 'load', id }] };
}

/** The one transition function: (state, input) -> state and the effects to run. Inputs a screen does not take are ignored. */
export function advance(s: SessionState, input: SessionInput): Step {
  const screen = s.screen.kind;
  switch (input.type) {
    case 'pick':
      if (screen !== 'pick-server' || !s.servers.some((x) => x.id === input.id)) return stay(s);
      return { state: { ...s, screen: { kind: 'loading' } }, effects: [{ kind: 'load', id: input.id }] };
    case 'loaded': {
      if (screen !== 'loading') return stay(s);
      const loaded = { ...s, stack: input.stack, install: input.install };
      if (input.install.kind === 'installed') return stay({ ...loaded, screen: { kind: 'start' } });
      return stay({ ...loaded, wizard: start(input.stack.questions), screen: wizardScreen() });
    }
    case 'start-choice': {
      if (screen !== 'start' || !s.stack || s.install?.kind !== 'installed') return stay(s);
      if (input.choice === 'quit') return end(s, SessionExit.done);
      if (input.choice === 'resume') return { state: { ...s, screen: { kind: 'preflight', results: undefined }, preflight: undefined, progress: emptyProgress }, effects: [{ kind: 'resume' }] };
      const wizard = start(s.stack.questions, { answers: { ...s.install.answers }, secrets: { ...s.install.secrets } });
      return stay({ ...s, wizard, screen: wizardScreen() });
    }
    case 'wizard':
      if (screen !== 'wizard' || !s.wizard || s.screen.kind !== 'wizard' || s.screen.checking) return stay(s);
      return stay({ ...s, wizard: reduce(s.wizard, input.event), screen: input.event.type === 'edit' ? wizardScreen() : s.screen });
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
      return { state: { ...s, screen: { kind: 'preflight', results: undefined }, preflight: undefined, progress: emptyProgress }, effects: [{ kind: 'confirm', ok: true }] };
    case 'back':
      if (screen !== 'plan') return stay(s);
      // The install service ends as "declined"; the review is back at once.
      return { state: { ...s, screen: wizardScreen() }, effects: [{ kind: 'confirm', ok: false }] };
    case 'preflight':
      // Results may still come after a stop was asked for (the progress screen): they are kept.
      if (screen === 'progress') return stay({ ...s, preflight: input.results });
      if (screen !== 'preflight') return stay(s);
      return stay({ ...s, preflight: input.results, screen: { kind: 'preflight', results: input.results } });
    case 'files-written':
    case 'run-event': {
      if (screen !== 'preflight' && screen !== 'progress') return stay(s);
      const stopping = s.screen.kind === 'progress' && s.screen.stopping;
      const progress = input.type === 'run-event' ? applyRunEvent(s.progress, input.event) : s.progress;
      return stay({ ...s, progress, screen: { kind: 'progress', stopping } });
    }
    case 'finished':
      // A declined plan already went back to the review.
      if (input.outcome.status === 'declined') return stay(s);
      if (screen !== 'preflight' && screen !== 'progress') return stay(s);
      return stay({ ...s, screen: { kind: 'summary', outcome: input.outcome } });
    case 'summary-shown':
      if (s.screen.kind !== 'summary') return stay(s);
      return end(s, exitCodeFor(s.screen.outcome));
    case 'quit':
      if (screen === 'progress' || screen === 'preflight' || screen === 'summary' || screen === 'done') return stay(s);
      return end(s, SessionExit.done);
    case 'interrupt':
      if (s.screen.kind === 'progress' || s.screen.kind === 'preflight') {
        if (s.screen.kind === 'progress' && s.screen.stopping) return stay(s);
        return { state: { ...s, screen: { kind: 'progress', stopping: true } }, effects: [{ kind: 'stop' }] };
      }
      if (screen === 'summary' || screen === 'done') return stay(s);
      return end(s, SessionExit.cancelled);
  }
}

/** The answers given so far, for a frontend that shows them (the review). */
export const answersOf = (s: SessionState): Readonly<Record<string, AnswerValue>> => s.wizard?.answers ?? {};
export type { SecretChoice };
