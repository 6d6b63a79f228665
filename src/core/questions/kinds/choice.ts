import { asTyped, describe, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';
import { closest } from '../validators.js';

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly help?: string;
}
export type ChoiceQuestion = QuestionBase<'choice', string> & { readonly choices: readonly Choice[] };

export const choice: KindDefinition<ChoiceQuestion> = {
  kind: 'choice',
  field: 'choice',
  parse: asTyped,
  check(raw, q) {
    const notText = textProblem(raw);
    if (notText !== undefined) return notText;
    if (q.choices.some((c) => c.value === raw)) return undefined;
    const near = closest(raw as string, q.choices.map((c) => c.value));
    return `is ${describe(raw)}, not one of the choices: it must be one of ${q.choices.map((c) => c.value).join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`;
  },
  expected: (q) => `Give one of: ${q.choices.map((c) => c.value).join(', ')}.`,
  schema: (q) => ({ type: 'string', enum: q.choices.map((c) => c.value) }),
  label: (q) => `one of ${q.choices.map((c) => c.value).join(', ')}`,
};
