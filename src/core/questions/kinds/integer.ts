import { describe, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';

export type IntegerQuestion = QuestionBase<'integer', number> & { readonly min: number; readonly max: number };

export const integer: KindDefinition<IntegerQuestion> = {
  kind: 'integer',
  field: 'text',
  parse(text) {
    const t = text.trim();
    return /^-?\d+$/.test(t) ? { value: Number(t) } : { error: `"${t}" is not a whole number` };
  },
  check(raw, q) {
    if (typeof raw !== 'number' || !Number.isInteger(raw)) return `is ${describe(raw)}, not a whole number`;
    if (raw < q.min || raw > q.max) return `is ${raw}, outside ${q.min}–${q.max}`;
    return undefined;
  },
  expected: (q) => `Give a whole number from ${q.min} to ${q.max}${q.example !== undefined ? `, e.g. ${q.example}` : ''}.`,
  schema: (q) => ({ type: 'integer', minimum: q.min, maximum: q.max }),
  label: (q) => `integer ${q.min}-${q.max}`,
  hint: (q) => `${q.min}-${q.max}`,
};
