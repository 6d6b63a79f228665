import { checkSecretValue } from '../answers/check.js';
import type { SecretSource } from '../answers/secret-source.js';
import type { Problem } from '../errors.js';
import { generateSpecOf, type Answers, type SecretQuestion } from '../questions/types.js';
import { generateSecret, type RandomBytes } from './generate.js';

/** What happens to one secret in this run, and its value. */
export interface SecretDecision {
  readonly id: string;
  /** given: from the answers (typed, env, file); keep: generated before, read back; generate: new. */
  readonly action: 'given' | 'keep' | 'generate';
  readonly value: string;
}

export interface SettleInput {
  /** The secrets that are asked for these answers, each with its source. */
  readonly questions: readonly SecretQuestion[];
  readonly sources: Readonly<Record<string, SecretSource>>;
  /** The values read from the answers' sources (everything but {generate: true}). */
  readonly given: Readonly<Record<string, string>>;
  /** The values the files hold now. */
  readonly stored: Readonly<Record<string, string>>;
  readonly answers: Answers;
  readonly random: RandomBytes;
  /** Pinned secrets whose change the admin confirmed separately. */
  readonly confirmedPinned?: ReadonlySet<string>;
}

/**
 * Decides every secret of a run, purely: a given value is used; {generate: true} keeps the value already
 * written when it still passes the rules, and is generated otherwise. A pinned secret (it encrypts stored
 * data or signs long-lived tokens) is never changed without a separate confirmation: a different given
 * value, or a stored value that no longer passes the rules, is a problem instead.
 */
export function settleSecrets(input: SettleInput): { decisions: SecretDecision[]; problems: Problem[] } {
  const decisions: SecretDecision[] = [];
  const problems: Problem[] = [];
  for (const q of input.questions) {
    const source = input.sources[q.id];
    if (!source) continue;
    const stored = input.stored[q.id];
    const lifecycle = q.secret.lifecycle;
    const pinnedChange = (what: string) => problems.push({
      path: q.id,
      severity: 'error',
      message: `${what}, but it is pinned: ${lifecycle.kind === 'pinned' ? lifecycle.because : ''}`,
      fix: `Answer {generate: true} to keep the value in use${q.secret.storedIn ? ` (in ${q.secret.storedIn.file})` : ''}; changing it needs a separate, explicit confirmation.`,
    });
    const mayChange = lifecycle.kind !== 'pinned' || input.confirmedPinned?.has(q.id) === true;
    if (source.kind !== 'generate') {
      const value = input.given[q.id];
      if (value === undefined) continue; // its read problem is reported where it was read
      if (stored !== undefined && stored !== value && !mayChange) pinnedChange(`would replace the value in use with a different one`);
      else decisions.push({ id: q.id, action: 'given', value });
      continue;
    }
    // The value in use, checked against the question's rules (length, formats) as they are now.
    const storedProblem = stored === undefined ? undefined : checkSecretValue(q, stored, input.answers);
    if (stored !== undefined && storedProblem === undefined) {
      decisions.push({ id: q.id, action: 'keep', value: stored });
      continue;
    }
    if (stored !== undefined && !mayChange) {
      pinnedChange(`has a value in use that no longer passes its rules (${storedProblem}), so a new one would be generated`);
      continue;
    }
    const spec = generateSpecOf(q, input.answers);
    if (!spec) continue; // the answers check already refused {generate: true} here
    decisions.push({ id: q.id, action: 'generate', value: generateSecret(input.random, spec) });
  }
  return { decisions, problems };
}
