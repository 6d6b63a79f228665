import type { Problem } from '../core/errors.js';
import { aboutOf, type StackAbout } from '../core/stack.js';
import { loadAnswers } from './answers.js';
import type { AppEvent } from './events.js';
import type { AppDeps } from './ports.js';

export interface Validated {
  readonly stack: StackAbout;
  readonly warnings: readonly Problem[];
  /** Masks the secret values read: apply it to anything printed. */
  readonly mask: (text: string) => string;
}

/**
 * `fieldstation validate`: every answer and every secret reference of an answers file, all problems at
 * once (thrown as one AnswersError). Writes nothing.
 */
export async function validateAnswers(deps: Pick<AppDeps, 'stacks' | 'templatesRoot' | 'env' | 'files' | 'now'>, path: string, emit: (event: AppEvent) => void = () => undefined): Promise<Validated> {
  const answers = await loadAnswers(deps, { kind: 'file', path });
  const { stack } = answers.loaded;
  emit({ type: 'answers-checked', stack: aboutOf(stack), source: answers.source, warnings: answers.warnings, mask: answers.mask });
  return { stack: aboutOf(stack), warnings: answers.warnings, mask: answers.mask };
}
