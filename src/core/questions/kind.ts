import type { AnswerValue, Question } from './types.js';

/**
 * Everything fieldstation knows about one kind of question, in one place: how typed text becomes a value,
 * which values it accepts, what a valid one looks like, its JSON Schema, its row in the reference and its
 * hint in the plain wizard. The frontends draw a kind by its `field`, so a new kind of an existing field
 * is one file here (and a line in kinds/index.ts).
 */
export interface KindDefinition<Q extends Question> {
  readonly kind: Q['kind'];
  /** The widget the frontends draw: a line of text, a list, yes/no, a device picker, or a hidden secret. */
  readonly field: 'text' | 'choice' | 'boolean' | 'device' | 'secret';
  /** Typed text (the wizard) as the kind's value, or why it cannot be one. */
  parse(text: string, q: Q): { readonly value: AnswerValue } | { readonly error: string };
  /** The kind's own rules for a value from an answers file (its type first); the problem, or undefined. */
  check(raw: unknown, q: Q): string | undefined;
  /** What a valid answer looks like: the "fix" half of a problem. */
  expected(q: Q): string;
  /** The JSON Schema of one answer, without description or default (the schema builder adds those). */
  schema(q: Q): Record<string, unknown>;
  /** The kind column of the reference: "integer 1-100", "one of remote, local". */
  label(q: Q): string;
  /** A short hint after the prompt in the plain wizard, e.g. "yes/no". */
  hint?(q: Q): string;
}

/** A value's type in words, for messages: `"abc"`, `a list`, `number 3`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

/** The answer must be text: numbers and booleans get the hint to quote them. */
export function textProblem(raw: unknown): string | undefined {
  if (typeof raw === 'string') return undefined;
  return typeof raw === 'number' || typeof raw === 'boolean' ? `is ${describe(raw)}; text is expected (put it in quotes)` : `is ${describe(raw)}; text is expected`;
}

/** Typed text is the value, as typed. */
export const asTyped = (text: string) => ({ value: text });
