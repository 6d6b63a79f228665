import { asTyped, describe, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';

export type TextQuestion = QuestionBase<'text', string> & {
  readonly pattern?: RegExp;
  /** What `pattern` means, in words, for the error message. */
  readonly patternText?: string;
  readonly maxLength?: number;
};

export const text: KindDefinition<TextQuestion> = {
  kind: 'text',
  field: 'text',
  parse: asTyped,
  check(raw, q) {
    const notText = textProblem(raw);
    if (notText !== undefined) return notText;
    const value = raw as string;
    if (value === '') return `is empty; it needs some text${q.example !== undefined ? `, e.g. ${q.example}` : ''}`;
    if (q.maxLength !== undefined && value.length > q.maxLength) return `is too long: it may have at most ${q.maxLength} characters and has ${value.length}`;
    if (q.pattern && !q.pattern.test(value)) return `is ${describe(value)}, which ${q.patternText ?? `does not match ${q.pattern}`}`;
    return undefined;
  },
  expected: (q) => (q.example !== undefined ? `For example: ${q.example}.` : 'Give some text.'),
  schema: (q) => ({ type: 'string', minLength: 1, ...(q.pattern ? { pattern: q.pattern.source } : {}), ...(q.maxLength ? { maxLength: q.maxLength } : {}) }),
  label: () => 'text',
};
