import { describe, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';

export type BooleanQuestion = QuestionBase<'boolean', boolean>;

export const boolean: KindDefinition<BooleanQuestion> = {
  kind: 'boolean',
  field: 'boolean',
  parse(text) {
    const t = text.trim().toLowerCase();
    if (['y', 'yes', 'true'].includes(t)) return { value: true };
    if (['n', 'no', 'false'].includes(t)) return { value: false };
    return { error: 'answer yes or no' };
  },
  check: (raw) => (typeof raw === 'boolean' ? undefined : `is ${describe(raw)}, not true or false`),
  expected: () => 'Give true or false.',
  schema: () => ({ type: 'boolean' }),
  label: () => 'boolean',
  hint: () => 'yes/no',
};
