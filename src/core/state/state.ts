import { isPlainObject } from '../answers/mapping.js';
import type { AnswerValue } from '../questions/types.js';

export const STATE_VERSION = 2;

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
  /** How each secret was given, as in an answers file ({env: NAME}, {file: /abs}, {generate: true}). */
  readonly secretSources: Readonly<Record<string, unknown>>;
  readonly files: readonly { readonly path: string; readonly mode: number; readonly maskedSha256: string }[];
}

/**
 * Each older format, brought one version forward. A state file is always read through these, so an
 * install made by an older fieldstation keeps working; one from a newer fieldstation is refused.
 */
const MIGRATIONS: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {
  // Version 1 called the secrets' sources `secrets`, which read as if it held values.
  1: ({ secrets, ...rest }) => ({ ...rest, version: 2, secretSources: secrets }),
};

/** A state file's content, migrated to the current version and checked; or what is wrong with it. */
export function readState(data: unknown): { state: InstallState } | { problem: string } {
  if (!isPlainObject(data)) return { problem: 'is not a JSON object' };
  let doc: Record<string, unknown> = data;
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { problem: `has no valid format version (${JSON.stringify(version)})` };
  if (version > STATE_VERSION) return { problem: `is format version ${version}, written by a newer fieldstation (this one reads up to ${STATE_VERSION})` };
  for (let v = version; v < STATE_VERSION; v++) doc = MIGRATIONS[v]!(doc);
  const { stack, answers, secretSources, files } = doc;
  if (typeof stack !== 'string' || !isPlainObject(answers) || !isPlainObject(secretSources) || !Array.isArray(files)) return { problem: 'has no stack, answers, secret sources or files' };
  if (Object.values(answers).some((a) => !['string', 'number', 'boolean'].includes(typeof a))) return { problem: 'has an answer that is not text, a number or true/false' };
  return { state: doc as unknown as InstallState };
}
