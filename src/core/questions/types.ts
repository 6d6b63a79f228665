import type { Format } from '../formats/format.js';
import type { BooleanQuestion } from './kinds/boolean.js';
import type { ChoiceQuestion } from './kinds/choice.js';
import type { DeviceQuestion } from './kinds/device.js';
import type { DomainQuestion } from './kinds/domain.js';
import type { EmailQuestion } from './kinds/email.js';
import type { IntegerQuestion } from './kinds/integer.js';
import type { PathQuestion } from './kinds/path.js';
import type { SecretQuestion } from './kinds/secret.js';
import type { TextQuestion } from './kinds/text.js';

export type { BooleanQuestion, ChoiceQuestion, DeviceQuestion, DomainQuestion, EmailQuestion, IntegerQuestion, PathQuestion, SecretQuestion, TextQuestion };
export type { Choice } from './kinds/choice.js';
export type { SecretRules, SecretLifecycle } from './kinds/secret.js';

/** Plain answers, by question id, as far as they are known. Secrets never appear here, only their sources. */
export type AnswerValue = string | number | boolean;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

/** What every question has, whatever its kind. `V` is the type of its answer. */
export interface QuestionBase<K extends string, V> {
  /** Dotted key path in the answers file, e.g. `s3.host`. */
  readonly id: string;
  readonly kind: K;
  /** Section heading in the wizard and in the reference. */
  readonly section: string;
  /** The question, as asked. */
  readonly prompt: string;
  /**
   * A few words naming the answer where answers are listed (the review), e.g. "Data folder"; the
   * answers-file key is shown on request. Without one the prompt stands in (see `labelOf`).
   */
  readonly label?: string;
  /** Why we ask, and what a good answer looks like. */
  readonly help: string;
  /** Taken when the answer is left out; a function sees the earlier answers. */
  readonly default?: V | ((answers: Answers) => V | undefined);
  /** Asked only when this holds for the earlier answers; otherwise the answer is ignored. */
  readonly when?: (answers: Answers) => boolean;
  /** Said in --help and the schema to explain `when`. */
  readonly whenText?: string;
  /** A check beyond the kind's own; returns the problem, or undefined. */
  readonly validate?: (value: V, answers: Answers) => string | undefined;
  /** File formats the value is written into: it must be representable in each (checked at validation). */
  readonly formats: readonly Format[];
  /** An example value for the reference and the JSON Schema. */
  readonly example?: V;
}

export type Question =
  | TextQuestion
  | DomainQuestion
  | EmailQuestion
  | PathQuestion
  | DeviceQuestion
  | BooleanQuestion
  | IntegerQuestion
  | ChoiceQuestion
  | SecretQuestion;

export type QuestionKind = Question['kind'];
export type PlainQuestion = Exclude<Question, SecretQuestion>;

/** What names the answer in a list of answers: the label, else the prompt without its question mark. */
export const labelOf = (q: Pick<QuestionBase<string, unknown>, 'label' | 'prompt'>): string => q.label ?? q.prompt.replace(/\?$/u, '');

export const isAsked = (q: Question, answers: Answers): boolean => (q.when ? q.when(answers) : true);

export function defaultOf(q: Question, answers: Answers): AnswerValue | undefined {
  if (q.kind === 'secret' || q.default === undefined) return undefined;
  return typeof q.default === 'function' ? (q.default as (a: Answers) => AnswerValue | undefined)(answers) : q.default;
}

export { generateSpecOf } from './kinds/secret.js';
