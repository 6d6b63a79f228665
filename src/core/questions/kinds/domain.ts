import { asTyped, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';
import { checkDomain } from '../validators.js';

export type DomainQuestion = QuestionBase<'domain', string>;

export const domain: KindDefinition<DomainQuestion> = {
  kind: 'domain',
  field: 'text',
  parse: asTyped,
  check: (raw) => textProblem(raw) ?? checkDomain(raw as string),
  expected: (q) => `Give a host name such as ${q.example ?? 'example.org'} (lower case, no "https://").`,
  schema: () => ({ type: 'string', format: 'hostname' }),
  label: () => 'domain',
};
