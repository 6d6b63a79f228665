import type { AnswerValue } from '../questions/types.js';

export const STATE_VERSION = 1;

/**
 * What fieldstation remembers of an install, for re-runs: the answers without any secret value (secrets
 * appear only as their source, e.g. {env: NAME}), and a hash of each written file with secrets masked.
 */
export interface InstallState {
  readonly version: typeof STATE_VERSION;
  readonly tool: string;
  readonly stack: string;
  readonly appliedAt: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly secrets: Readonly<Record<string, unknown>>;
  readonly files: readonly { readonly path: string; readonly mode: number; readonly maskedSha256: string }[];
}
