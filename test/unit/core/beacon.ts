import type { StackAbout } from '../../../src/core/stack.js';
import type { AnswerValue, PlainQuestion, Question, SecretQuestion } from '../../../src/core/questions/types.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';

/** Beacon's questions by id, for the core tests (a missing id or a wrong kind fails the test at once). */

export function question(id: string): Question {
  const q = beacon.questions.find((x) => x.id === id);
  if (!q) throw new Error(`Beacon has no question ${id}`);
  return q;
}

export function questionOf<K extends Question['kind']>(id: string, kind: K): Extract<Question, { kind: K }> {
  const q = question(id);
  if (q.kind !== kind) throw new Error(`Beacon's ${id} is a ${q.kind} question, not ${kind}`);
  return q as Extract<Question, { kind: K }>;
}

export function plainQuestion(id: string): PlainQuestion {
  const q = question(id);
  if (q.kind === 'secret') throw new Error(`Beacon's ${id} is a secret`);
  return q;
}

export const secretQuestion = (id: string): SecretQuestion => questionOf(id, 'secret');

/** Beacon's secret questions, in catalogue order: storage.key, secrets.token, secrets.vault_key. */
export const secretQuestions = (): SecretQuestion[] => beacon.questions.filter((q): q is SecretQuestion => q.kind === 'secret');

/** A local site with nothing but the required answers: every secret is generated. */
export const MINIMAL = `version: 1
stack: beacon
site:
  name: north-ridge
  domain: beacon.example.org
`;

/** The install folder the pure tests use (never touched: the core has no file system). */
export const DIR = '/srv/beacon-logger';

/** Beacon's answers for a local site, flat by question id (every secret generated). */
export const LOCAL_ANSWERS: Readonly<Record<string, AnswerValue>> = { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', data_root: '/srv/beacon', sensors: 8, 'storage.mode': 'local', alerts: false };

/** A second server, known by its description only (only Beacon ever loads): with it the wizard starts with the picker. */
export const TIDEGAUGE: StackAbout = { id: 'tidegauge', title: 'Tide gauge', tagline: 'sea levels (a test server)', summary: 'A made-up tide gauge.', examples: [] };
