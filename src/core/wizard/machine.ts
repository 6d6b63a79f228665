import { checkSecretValue, checkValue, typedSecretProblem } from '../answers/check.js';
import { kindOf } from '../questions/kinds/index.js';
import { defaultOf, generateSpecOf, isAsked, type AnswerValue, type Answers, type PlainQuestion, type Question } from '../questions/types.js';

/**
 * The wizard as a pure state machine: which question is on screen, what was answered, what is wrong.
 * The Ink screens and the plain line prompts both drive it with the same events, so they ask the same
 * questions in the same order and validate the same way (the catalogue's own checks).
 */

/**
 * How a secret was answered interactively: generated for the user, typed (never shown again), or, when
 * reconfiguring, the value the install uses now kept as it is: the wizard never holds that value, so it can
 * be neither shown nor typed again by mistake.
 */
export type SecretChoice = { readonly kind: 'generate' } | { readonly kind: 'value'; readonly value: string } | { readonly kind: 'keep' };

/** How a kept secret goes to the install service, which replaces it with the value in use (src/app/session.ts). */
export const KEEP_CURRENT = { keep: true } as const;
export const isKeepCurrent = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { keep?: unknown }).keep === true;

export interface WizardState {
  readonly questions: readonly Question[];
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly secrets: Readonly<Record<string, SecretChoice>>;
  /** The question on screen, or undefined on the review screen. */
  readonly current: string | undefined;
  /** Questions answered on the way here, for Esc (back). */
  readonly history: readonly string[];
  /** The last submit's problem, shown under the field. */
  readonly error: string | undefined;
  /** Editing from the review screen: after this answer, only what it made necessary is asked. */
  readonly editing: boolean;
}

/**
 * The questions that apply to these answers, in catalogue order. Each sees the answers before it, and
 * the default where nothing is answered yet, so the count shown is that of the likely path.
 */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  const seen: Record<string, AnswerValue> = {};
  const out: Question[] = [];
  for (const q of questions) {
    if (!isAsked(q, seen)) continue;
    out.push(q);
    const a = answers[q.id] ?? defaultOf(q, seen);
    if (a !== undefined) seen[q.id] = a;
  }
  return out;
}

const answered = (s: WizardState, q: Question) => (q.kind === 'secret' ? s.secrets[q.id] !== undefined : s.answers[q.id] !== undefined);

/** Whether a stored answer still passes its checks (an earlier answer may have changed what is valid). */
function stillValid(s: WizardState, q: Question): boolean {
  if (q.kind === 'secret') {
    const c = s.secrets[q.id];
    if (!c) return false;
    // The value in use passed its checks when it was applied; the install service checks it again.
    if (c.kind === 'keep') return true;
    return c.kind === 'generate' ? generateSpecOf(q, s.answers) !== undefined : checkSecretValue(q, c.value, s.answers) === undefined;
  }
  const a = s.answers[q.id];
  return a !== undefined && checkValue(q, a, s.answers) === undefined;
}

/** The first question that still needs an answer (missing or no longer valid), or undefined: review. */
function firstNeeded(s: WizardState): string | undefined {
  return visibleQuestions(s.questions, s.answers).find((q) => !answered(s, q) || !stillValid(s, q))?.id;
}

export function start(questions: readonly Question[], prefill: { answers?: Record<string, AnswerValue>; secrets?: Record<string, SecretChoice> } = {}): WizardState {
  const s: WizardState = { questions, answers: prefill.answers ?? {}, secrets: prefill.secrets ?? {}, current: undefined, history: [], error: undefined, editing: false };
  // With earlier answers (reconfiguring an install, continuing a draft) start at the first question still
  // needed, or at the review screen when none is; with none, at the first question.
  const visible = visibleQuestions(questions, s.answers);
  if (!prefill.answers) return { ...s, current: visible[0]?.id };
  const current = firstNeeded(s);
  // Esc on it goes to the question before, as if the person had come the whole way.
  const at = visible.findIndex((q) => q.id === current);
  return { ...s, current, history: at > 0 ? visible.slice(0, at).map((q) => q.id) : [] };
}

export function currentQuestion(s: WizardState): Question | undefined {
  return s.questions.find((q) => q.id === s.current);
}

/** "4/11" for the header: the place among the questions that apply now. */
export function position(s: WizardState): { index: number; total: number } {
  const visible = visibleQuestions(s.questions, s.answers);
  return { index: visible.findIndex((q) => q.id === s.current) + 1, total: visible.length };
}

/** What the field shows before anything is typed: the answer given, or the default. */
export function suggested(s: WizardState, q: Question): AnswerValue | undefined {
  return q.kind === 'secret' ? undefined : s.answers[q.id] ?? defaultOf(q, s.answers);
}

/** Turns typed text into the kind's value, or says why it cannot be one. */
export const parseTyped = (q: PlainQuestion, text: string): { value: AnswerValue } | { error: string } => kindOf(q).parse(text, q);

/** After an answer: the next question that applies (or, when editing, the next one now needed). */
function advance(s: WizardState, from: string): WizardState {
  const visible = visibleQuestions(s.questions, s.answers);
  const history = [...s.history, from];
  if (s.editing) {
    const needed = firstNeeded(s);
    return { ...s, history, current: needed, error: undefined, editing: needed !== undefined };
  }
  // A first run walks through every question in order (defaults and earlier answers shown), then the
  // review screen catches anything still missing.
  const next = visible[visible.findIndex((q) => q.id === from) + 1];
  return { ...s, history, current: next?.id ?? firstNeeded(s), error: undefined };
}

export type WizardEvent =
  | { readonly type: 'answer'; readonly value: AnswerValue }
  | { readonly type: 'secret'; readonly choice: SecretChoice }
  | { readonly type: 'back' }
  | { readonly type: 'edit'; readonly id: string };

/** The one transition function: (state, event) -> state. Invalid answers stay on screen with the problem. */
export function reduce(s: WizardState, e: WizardEvent): WizardState {
  const q = currentQuestion(s);
  switch (e.type) {
    case 'answer': {
      if (!q || q.kind === 'secret') return s;
      const problem = checkValue(q, e.value, s.answers);
      // Shown with the question on screen: repeating its prompt would make a screen reader say it twice.
      if (problem !== undefined) return { ...s, error: `This answer ${problem}` };
      return advance({ ...s, answers: { ...s.answers, [q.id]: e.value } }, q.id);
    }
    case 'secret': {
      if (!q || q.kind !== 'secret') return s;
      if (e.choice.kind === 'generate') {
        if (generateSpecOf(q, s.answers) === undefined) return { ...s, error: 'This one cannot be generated: it must match what your provider issued. Type it.' };
      } else if (e.choice.kind === 'value') {
        const problem = typedSecretProblem(q, e.choice.value, s.answers);
        if (problem !== undefined) return { ...s, error: `The value ${problem}` };
      }
      return advance({ ...s, secrets: { ...s.secrets, [q.id]: e.choice } }, q.id);
    }
    case 'back': {
      // Back goes to the last question answered that still applies; every answer is kept.
      const visible = new Set(visibleQuestions(s.questions, s.answers).map((x) => x.id));
      const history = [...s.history];
      while (history.length > 0 && !visible.has(history[history.length - 1]!)) history.pop();
      const previous = history.pop();
      return previous === undefined ? { ...s, error: undefined } : { ...s, history, current: previous, error: undefined, editing: false };
    }
    case 'edit':
      return s.questions.some((x) => x.id === e.id) ? { ...s, current: e.id, error: undefined, editing: true } : s;
  }
}

/** True on the review screen: every question that applies is answered and valid. */
export const isComplete = (s: WizardState): boolean => s.current === undefined && firstNeeded(s) === undefined;

const secretAnswer = (c: SecretChoice | undefined): unknown => (c === undefined ? undefined : c.kind === 'value' ? c.value : c.kind === 'keep' ? KEEP_CURRENT : { generate: true });

/**
 * The answers by question id, for the same checks and plan as `apply --answers`: typed secrets as literal
 * strings (kept in memory only), generated ones as {generate: true}, kept ones as KEEP_CURRENT (for the
 * install service to replace). Only questions that apply are included.
 */
export function toAnswers(s: WizardState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of visibleQuestions(s.questions, s.answers)) {
    const choice = q.kind === 'secret' ? s.secrets[q.id] : undefined;
    const value = q.kind === 'secret' ? secretAnswer(choice) : s.answers[q.id];
    if (value !== undefined) out[q.id] = value;
  }
  return out;
}
