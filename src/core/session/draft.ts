import type { AnswerValue } from '../questions/types.js';
import type { SecretChoice, WizardState } from '../wizard/machine.js';

/**
 * Drafts: the answers of a session that ended before anything was written (Ctrl-C, a dropped SSH session,
 * SIGTERM, a quit from a menu, a refused apply), saved in the install folder so that the next start there
 * offers to continue them. What a draft holds and when one is worth saving is decided here; src/app/draft.ts
 * writes and reads it through the store, typed secrets only as 0600 files.
 */

/** A draft found in the install folder. */
export interface DraftFound {
  readonly savedAt: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
  /** Generated and typed secrets; typed ones were read back from their 0600 files. */
  readonly secrets: Readonly<Record<string, SecretChoice>>;
  /** Typed secrets whose file is gone (removed by hand): they are asked again. */
  readonly lost: readonly string[];
}

/** What to save: every answer given, and each secret generated or typed (kept ones stay where they are). */
export interface DraftToSave {
  readonly stack: string;
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly secrets: Readonly<Record<string, Exclude<SecretChoice, { kind: 'keep' }>>>;
}

/** What saving did, for the session's last words. */
export interface DraftSaved {
  readonly path: string;
  readonly answers: number;
  /** Typed secrets written as 0600 files, by question id, in `secretsDir`. */
  readonly secretFiles: readonly string[];
  readonly secretsDir: string;
  /** Why it could not be saved: the answers are lost, and the wizard says so. */
  readonly error?: string;
}

/** Where the wizard started from: nothing, or the answers and secrets of the install in the folder. */
export interface DraftBase {
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly secrets: Readonly<Record<string, SecretChoice>>;
}

const sameChoice = (a: SecretChoice | undefined, b: SecretChoice | undefined): boolean =>
  a?.kind === b?.kind && (a?.kind !== 'value' || (b?.kind === 'value' && a.value === b.value));

/**
 * The draft to save for this wizard, or undefined when nothing was given beyond where it started (a fresh
 * folder: no answer at all; an install: its recorded answers, every secret kept).
 */
export function draftOf(stack: string, wizard: WizardState | undefined, base: DraftBase): DraftToSave | undefined {
  if (!wizard) return undefined;
  const ids = new Set([...Object.keys(wizard.answers), ...Object.keys(base.answers)]);
  const changed = [...ids].some((id) => wizard.answers[id] !== base.answers[id]) || Object.keys({ ...wizard.secrets, ...base.secrets }).some((id) => !sameChoice(wizard.secrets[id], base.secrets[id]));
  if (!changed) return undefined;
  const secrets: Record<string, Exclude<SecretChoice, { kind: 'keep' }>> = {};
  for (const [id, c] of Object.entries(wizard.secrets)) if (c.kind !== 'keep') secrets[id] = c;
  return { stack, answers: { ...wizard.answers }, secrets };
}

/** The wizard's starting point from a draft over its base: the draft's answers win; what it left out stays as it was. */
export const continueFrom = (base: DraftBase, draft: DraftFound): DraftBase => ({ answers: { ...base.answers, ...draft.answers }, secrets: { ...base.secrets, ...draft.secrets } });
