import type { FormatName } from '../render/formats.js';
import type { GenerateSpec } from '../secrets/generate.js';

export type QuestionKind = 'text' | 'domain' | 'email' | 'path' | 'choice' | 'secret' | 'integer' | 'boolean' | 'device';

/** Plain answers, by question id, as far as they are known. Secrets never appear here, only their sources. */
export type AnswerValue = string | number | boolean;
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

interface Base<K extends QuestionKind, V> {
  /** Dotted key path in the answers file, e.g. `s3.host`. */
  readonly id: string;
  readonly kind: K;
  /** Section heading in the wizard and in the reference. */
  readonly section: string;
  /** The question, as asked. */
  readonly prompt: string;
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
  readonly formats: readonly FormatName[];
  /** An example value for the reference and the JSON Schema. */
  readonly example?: V;
}

export type TextQuestion = Base<'text', string> & {
  readonly pattern?: RegExp;
  /** What `pattern` means, in words, for the error message. */
  readonly patternText?: string;
  readonly maxLength?: number;
};
export type DomainQuestion = Base<'domain', string>;
export type EmailQuestion = Base<'email', string>;
export type PathQuestion = Base<'path', string>;
export type DeviceQuestion = Base<'device', string>;
export type BooleanQuestion = Base<'boolean', boolean>;
export type IntegerQuestion = Base<'integer', number> & { readonly min: number; readonly max: number };
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly help?: string;
}
export type ChoiceQuestion = Base<'choice', string> & { readonly choices: readonly Choice[] };

export interface SecretRules {
  readonly minLength: number;
  readonly maxLength?: number;
  /** How to generate one, or undefined when it must come from elsewhere (e.g. a provider's key). */
  readonly generate?: GenerateSpec | ((answers: Answers) => GenerateSpec | undefined);
  /** When `generate` depends on other answers: says when, for the reference (e.g. "when s3.mode is local"). */
  readonly generateWhen?: string;
  /** Encrypts stored data: never rotated without a separate, explicit confirmation. */
  readonly encryptsData?: boolean;
  /** Where the value lives once written, so a re-run keeps it instead of generating a new one. */
  readonly storedIn?: { readonly file: string; readonly key: string };
}
export type SecretQuestion = Omit<Base<'secret', never>, 'default' | 'validate' | 'example'> & {
  readonly secret: SecretRules;
  readonly validate?: (value: string, answers: Answers) => string | undefined;
};

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

export const isAsked = (q: Question, answers: Answers): boolean => (q.when ? q.when(answers) : true);

export function defaultOf(q: Question, answers: Answers): AnswerValue | undefined {
  if (q.kind === 'secret' || q.default === undefined) return undefined;
  return typeof q.default === 'function' ? (q.default as (a: Answers) => AnswerValue | undefined)(answers) : q.default;
}

export function generateSpecOf(q: SecretQuestion, answers: Answers): GenerateSpec | undefined {
  const g = q.secret.generate;
  return typeof g === 'function' ? g(answers) : g;
}
