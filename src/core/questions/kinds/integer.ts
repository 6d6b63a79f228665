import { describe, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';

export type IntegerQuestion = QuestionBase<'integer', number> & { readonly min: number; readonly max: number };

export const integer: KindDefinition<IntegerQuestion> = {
  kind: 'integer',
  field: 'text',
  parse(text, q) {
    const t = text.trim();
    if (/^-?\d+$/.test(t)) return { value: Number(t) };
    // Says what to type, not only what was wrong: the range, in digits.
    return { error: `${t === '' ? 'Nothing was typed' : `"${t}" is not a whole number`}: type one from ${q.min} to ${q.max}, in digits` };
  },
  check(raw, q) {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) return `is ${describe(raw)}, not a whole number: it must be one from ${q.min} to ${q.max}`;
    if (raw < q.min || raw > q.max) return `is ${raw}, but it must be a whole number from ${q.min} to ${q.max}`;
    return undefined;
  },
  expected: (q) => `Give a whole number from ${q.min} to ${q.max}${q.example !== undefined ? `, e.g. ${q.example}` : ''}.`,
  schema: (q) => ({ type: 'integer', minimum: q.min, maximum: q.max }),
  label: (q) => `integer ${q.min}-${q.max}`,
  hint: (q) => `${q.min}-${q.max}`,
};
