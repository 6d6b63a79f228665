import { describe, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';

export type BooleanQuestion = QuestionBase<'boolean', boolean>;

/**
 * Typed yes or no: y, yes, n, no in any case (and true/false, as in a file). The one reading of yes/no for
 * both frontends' questions and the plain mode's own yes/no prompts.
 */
export function parseYesNo(text: string): { readonly value: boolean } | { readonly error: string } {
  const t = text.trim().toLowerCase();
  if (['y', 'yes', 'true'].includes(t)) return { value: true };
  if (['n', 'no', 'false'].includes(t)) return { value: false };
  return { error: `${t === '' ? 'Nothing was typed' : `"${text.trim()}" is not yes or no`}: type y or yes, n or no` };
}

export const boolean: KindDefinition<BooleanQuestion> = {
  kind: 'boolean',
  field: 'boolean',
  parse: parseYesNo,
  check: (raw) => (typeof raw === 'boolean' ? undefined : `is ${describe(raw)}, not true or false: write true or false`),
  expected: () => 'Give true or false.',
  schema: () => ({ type: 'boolean' }),
  label: () => 'boolean',
  hint: () => 'yes/no',
};
