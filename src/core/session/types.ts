import type { CheckResult } from '../checks/check.js';
import type { DeviceIdentity } from '../devices/identity.js';
import type { Problem } from '../errors.js';
import type { PlanView } from '../plan/view.js';
import type { AnswerValue, Question } from '../questions/types.js';
import type { RunEvent } from '../run/events.js';
import type { StackAbout } from '../stack.js';
import type { SecretChoice, WizardEvent, WizardState } from '../wizard/machine.js';
import type { DraftFound, DraftSaved, DraftToSave } from './draft.js';
import type { RunOutcome } from './outcome.js';
import type { ProgressModel } from './progress.js';

/** The session's states, inputs and effects (flow.ts moves between them). */

/** Why the last bootstrap did not finish, as its journal tells: a step failed, it was stopped, or it never ran (files only). */
export interface Unfinished {
  /** `interrupted`: Ctrl-C, a signal or a dropped session stopped it (or the process was killed while it ran). */
  readonly status: 'failed' | 'interrupted' | 'not-run';
  /** The step it stopped at. */
  readonly step?: string;
  /** What the failed step said (masked when it was recorded). */
  readonly error?: string;
  /** When the journal was last written. */
  readonly updatedAt?: string;
}

/** What the wizard found in DIR before asking anything. */
export type InstallStatus =
  | { readonly kind: 'fresh'; readonly draft?: DraftFound }
  | {
      readonly kind: 'installed';
      /** Answers recorded by the last apply, to start from. */
      readonly answers: Readonly<Record<string, AnswerValue>>;
      /** Each secret whose value in use was found, as "keep" (the wizard never holds it). */
      readonly secrets: Readonly<Record<string, SecretChoice>>;
      /** The last bootstrap did not finish: offer to resume it. */
      readonly unfinished: Unfinished | undefined;
      readonly draft?: DraftFound;
    };

/** The chosen server, as far as the session needs it. */
export interface SessionStack {
  readonly about: StackAbout;
  readonly questions: readonly Question[];
}

/** Which service runs once the person said go: the install (after the plan) or the resume of a bootstrap. */
export type RunKind = 'install' | 'resume';

/** A step as people know it: its id and what it does. */
export interface StepName {
  readonly id: string;
  readonly title: string;
}

/**
 * What the runner waits on before a destructive step it may not run unasked (src/core/run/consent.ts):
 * a yes or no, or, for a step that wipes a device, the device's path typed back after its identity, read
 * just before asking, is shown. Nothing in it is secret.
 */
export type StepQuestion =
  | { readonly kind: 'yes-no'; readonly step: StepName }
  | {
      readonly kind: 'type-device';
      readonly step: StepName;
      readonly device: string;
      /** What is on the device now; undefined when it could not be read. */
      readonly identity: DeviceIdentity | undefined;
      /** Why it could not be read (the step would likely fail on it too). */
      readonly unreadable?: string;
    };

/** The person's answer to a StepQuestion: yes and no for a yes-no question, the text typed for a device. */
export type StepAnswer = { readonly kind: 'yes' } | { readonly kind: 'no' } | { readonly kind: 'typed'; readonly text: string };

export type Screen =
  /** A server is being loaded and the folder looked at. */
  | { readonly kind: 'loading' }
  | { readonly kind: 'pick-server' }
  /** DIR holds an install or a draft: continue the draft, reconfigure, resume, or quit (see startChoices). */
  | { readonly kind: 'start' }
  /** A question, or the review when the wizard has none left to ask. */
  | { readonly kind: 'wizard'; readonly checking: boolean; readonly problems: readonly Problem[] }
  | { readonly kind: 'plan'; readonly plan: PlanView }
  /** The machine is being checked; then the files are written and the steps start. */
  | { readonly kind: 'preflight'; readonly results: readonly CheckResult[] | undefined }
  /** A check failed: nothing is written until the person decides (see ChecksChoice); every answer is kept. */
  | { readonly kind: 'checks-failed'; readonly results: readonly CheckResult[]; readonly run: RunKind }
  | { readonly kind: 'progress'; readonly stopping: boolean }
  /** The runner waits before a destructive step until the person answers (see StepAnswer); other steps' events still come. */
  | { readonly kind: 'confirm-step'; readonly question: StepQuestion }
  | { readonly kind: 'summary'; readonly outcome: RunOutcome }
  /** The session ends with `code` once the draft of its answers is saved. */
  | { readonly kind: 'saving'; readonly code: number }
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
  /** The service started last. */
  readonly run: RunKind | undefined;
  /** Files were written in this session (from then on the answers are in DIR/.fieldstation/answers.yaml, not a draft). */
  readonly written: boolean;
  /** A word for the person about their last key that changed nothing (Esc with nothing before); cleared by the next input. */
  readonly notice: string | undefined;
  /** The draft saved as the session ended, for its last words. */
  readonly draft: DraftSaved | undefined;
  /** The destructive step the last run stopped before, not confirmed: the summary says so and how to run it. */
  readonly declined: StepQuestion | undefined;
}

/** On the start screen. */
export type StartChoice = 'continue-draft' | 'discard-draft' | 'reconfigure' | 'resume' | 'quit';

/** On the failed checks' screen: measure again, go on without one failed check, write the files only, or back. */
export type ChecksChoice = { readonly kind: 'again' } | { readonly kind: 'skip'; readonly name: string } | { readonly kind: 'files-only' } | { readonly kind: 'back' };

export type SessionInput =
  // From the person.
  | { readonly type: 'pick'; readonly id: string }
  | { readonly type: 'start-choice'; readonly choice: StartChoice }
  | { readonly type: 'wizard'; readonly event: WizardEvent }
  /** Leaves a change started from the review as it was before (Esc on the changed question). */
  | { readonly type: 'restore'; readonly wizard: WizardState }
  /** On the review: check the answers and make the plan. */
  | { readonly type: 'continue' }
  /** On the plan: go. */
  | { readonly type: 'apply' }
  /** On the plan: back to the review. */
  | { readonly type: 'back' }
  /** Esc on a screen with no back of its own (the picker, the start screen, the failed checks, the run). */
  | { readonly type: 'escape' }
  | { readonly type: 'checks-choice'; readonly choice: ChecksChoice }
  /** On the confirmation before a destructive step. */
  | { readonly type: 'step-answer'; readonly answer: StepAnswer }
  /** Quit from a menu: nothing was changed (exit 0); the answers given are kept as a draft. */
  | { readonly type: 'quit' }
  /** Ctrl-C confirmed, SIGTERM or SIGHUP: a running bootstrap stops cleanly, otherwise the session ends (130), keeping a draft. */
  | { readonly type: 'interrupt' }
  | { readonly type: 'summary-shown' }
  // From the effects.
  | { readonly type: 'loaded'; readonly stack: SessionStack; readonly install: InstallStatus }
  | { readonly type: 'planned'; readonly plan: PlanView }
  | { readonly type: 'problems'; readonly problems: readonly Problem[] }
  | { readonly type: 'preflight'; readonly results: readonly CheckResult[] }
  /** The service waits for a ChecksChoice. */
  | { readonly type: 'checks-failed'; readonly results: readonly CheckResult[] }
  /** The runner waits before a destructive step for the person's answer. */
  | { readonly type: 'step-question'; readonly question: StepQuestion }
  | { readonly type: 'files-written' }
  | { readonly type: 'run-event'; readonly event: RunEvent }
  | { readonly type: 'finished'; readonly outcome: RunOutcome }
  | { readonly type: 'draft-saved'; readonly saved: DraftSaved };

export type Effect =
  | { readonly kind: 'load'; readonly id: string }
  /** Start the install service with these answers (flat, as the wizard holds them); it stops at `confirm`. */
  | { readonly kind: 'install'; readonly answers: Readonly<Record<string, unknown>> }
  | { readonly kind: 'confirm'; readonly ok: boolean }
  | { readonly kind: 'resume' }
  /** The person's answer to the failed checks, for the service waiting on it. */
  | { readonly kind: 'checks-decision'; readonly decision: ChecksChoice }
  /** Whether the destructive step the runner waits on runs; false stops the run before it. */
  | { readonly kind: 'step-decision'; readonly run: boolean }
  /** Stop the running bootstrap (its children get SIGTERM); the outcome follows. */
  | { readonly kind: 'stop' }
  | { readonly kind: 'save-draft'; readonly draft: DraftToSave }
  | { readonly kind: 'discard-draft' }
  | { readonly kind: 'exit'; readonly code: number };

