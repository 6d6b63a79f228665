import { asTyped, textProblem, type KindDefinition } from '../kind.js';
import type { QuestionBase } from '../types.js';
import { checkAbsolutePath } from '../validators.js';

export type PathQuestion = QuestionBase<'path', string>;

export const path: KindDefinition<PathQuestion> = {
  kind: 'path',
  field: 'text',
  parse: asTyped,
  check: (raw) => textProblem(raw) ?? checkAbsolutePath(raw as string),
  expected: (q) => `Give an absolute path such as ${q.example ?? '/opt/data'}.`,
  schema: () => ({ type: 'string', pattern: '^/' }),
  label: () => 'path',
};
