import { asTyped, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';
import { checkEmail } from '../validators.js';

export type EmailQuestion = QuestionBase<'email', string>;

export const email: KindDefinition<EmailQuestion> = {
  kind: 'email',
  field: 'text',
  parse: asTyped,
  check: (raw) => textProblem(raw) ?? checkEmail(raw as string),
  expected: (q) => `Give an e-mail address such as ${q.example ?? 'admin@example.org'}.`,
  schema: () => ({ type: 'string', format: 'email' }),
  label: () => 'email',
};
