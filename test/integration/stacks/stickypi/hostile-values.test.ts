/**
 * The rule from the issue, through Sticky Pi's questions and templates: every hostile value is either
 * rejected at validation, or rendered into the stack's .env files and read back identical by dotenv (the
 * formats on their own are checked against docker-compose in test/integration/render/hostile-values.test.ts).
 * Input that no file format minds but that apply would fail on (too long, not UTF-8, a character upstream
 * cannot carry) goes through the real CLI in hostile-values-cli.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSecretValue, checkValue } from '../../../../src/core/answers/check.js';
import { renderFiles } from '../../../../src/core/plan/plan.js';
import { defaultOf, isAsked, type AnswerValue, type Question, type SecretQuestion } from '../../../../src/core/questions/types.js';
import { createRenderer } from '../../../../src/core/render/engine.js';
import { envFormat } from '../../../../src/kit/formats/env.js';
import { Secret } from '../../../../src/core/secrets/secret.js';
import { loadTemplates } from '../../../../src/io/templates.js';
import { stickypi } from '../../../../src/stacks/stickypi/index.js';
import { CORPUS, mismatch, type HostileValue, type Mismatch } from '../../../fixtures/hostile-values.js';

const TEMPLATES_DIR = fileURLToPath(new URL('../../../../templates', import.meta.url));

/** Reads an env file's bytes the way apply leaves them on disk (UTF-8). */
const parseEnvText = (text: string): Record<string, string> => parseEnv(Buffer.from(text, 'utf8'));


type PlainQuestion = Exclude<Question, SecretQuestion>;
type Parsed = ReadonlyMap<string, Record<string, string>>;

const TEXT_KINDS: ReadonlySet<Question['kind']> = new Set(['text', 'domain', 'email', 'path', 'device', 'choice']);
// The answers that end up in env files (the first user's name and password go into an HTTP body as JSON).
const textQuestions = stickypi.questions.filter((q): q is PlainQuestion => TEXT_KINDS.has(q.kind) && q.formats.includes(envFormat));
const secretQuestions = stickypi.questions.filter((q): q is SecretQuestion => q.kind === 'secret' && q.formats.includes(envFormat));

/** A valid answer for every plain question: its example, or else its default. */
function baselineAnswers(): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of stickypi.questions) {
    if (q.kind === 'secret' || !isAsked(q, answers)) continue;
    const value = q.example ?? defaultOf(q, answers);
    if (value !== undefined) answers[q.id] = value;
  }
  return answers;
}

/**
 * Most corpus values are not paths or e-mail addresses, so the kind's own rules stop them before the format
 * rules see them: each is also tried shaped like the kind (`/opt/<value>`, `<value>@example.org`).
 */
function answerCandidates(q: PlainQuestion, { name, value }: HostileValue): HostileValue[] {
  switch (q.kind) {
    case 'path':
      return [{ name, value }, { name: `${name}, as a path`, value: `/opt/${value}` }];
    case 'device':
      return [{ name, value }, { name: `${name}, as a device`, value: `/dev/${value}` }];
    case 'email':
      return [{ name, value }, { name: `${name}, as an e-mail address`, value: `${value}@example.org` }];
    default:
      return [{ name, value }];
  }
}
const answerCorpus = (q: PlainQuestion): HostileValue[] => CORPUS.flatMap((h) => answerCandidates(q, h));

/**
 * A secret must be long, and most corpus values are short: each is also tried padded to 32 characters at
 * the front (keeping how it ends) and at the back (keeping how it starts).
 */
function secretCandidates({ name, value }: HostileValue): HostileValue[] {
  if (value.length >= 32) return [{ name, value }];
  const pad = 'p'.repeat(32 - value.length);
  return [
    { name, value },
    { name: `${name}, padded in front`, value: pad + value },
    { name: `${name}, padded behind`, value: value + pad },
  ];
}
const SECRET_CORPUS: readonly HostileValue[] = CORPUS.flatMap(secretCandidates);

/** A valid value for every secret, each distinct and found nowhere else in the files. */
const baselineSecrets = (): Record<string, string> =>
  Object.fromEntries(secretQuestions.map((q, i) => [q.id, `baseline${i}secret${'q'.repeat(32)}`]));

describe('Sticky Pi stack: validation and rendering agree on hostile values', () => {
  const renderer = createRenderer();
  const BASE_ANSWERS = baselineAnswers();
  const BASE_SECRETS = baselineSecrets();
  let templates: Awaited<ReturnType<typeof loadTemplates>> = {};
  let baseline: Parsed = new Map();

  /** Renders the stack's files and reads each back with dotenv. */
  function renderAndRead(answers: Record<string, AnswerValue>, secrets: Record<string, string>): Parsed {
    const input = { answers, secrets: Object.fromEntries(Object.entries(secrets).map(([id, v]) => [id, new Secret(id, v)])), previous: {}, dir: '/srv/stickypi' };
    const rendered = renderFiles(stickypi, input, templates, renderer);
    return new Map([...rendered].map(([path, text]) => [path, parseEnvText(text)]));
  }

  /**
   * Renders with one value replaced and compares every key of every file with the baseline, in which each
   * occurrence of the baseline value (also inside derived values such as api.<domain>) is replaced too.
   */
  function roundTrip(name: string, id: string, from: string, to: string, answers: Record<string, AnswerValue>, secrets: Record<string, string>): Mismatch[] {
    let parsed: Parsed;
    try {
      parsed = renderAndRead(answers, secrets);
    } catch (error) {
      return [mismatch(name, `${id}: rendering threw`, to, error instanceof Error ? error.message : String(error))];
    }
    const wrong: Mismatch[] = [];
    for (const [path, before] of baseline) {
      const after = parsed.get(path) ?? {};
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const want = before[key]?.split(from).join(to);
        if (after[key] !== want) wrong.push(mismatch(name, `${id} → ${path} ${key}`, want ?? '(no key)', after[key]));
      }
    }
    return wrong;
  }

  beforeAll(async () => {
    templates = await loadTemplates(stickypi, join(TEMPLATES_DIR, stickypi.id));
    baseline = renderAndRead(BASE_ANSWERS, BASE_SECRETS);
  });

  it('the baseline answers and secrets are valid and render', () => {
    for (const q of textQuestions) expect(checkValue(q, BASE_ANSWERS[q.id], BASE_ANSWERS), q.id).toBeUndefined();
    for (const q of secretQuestions) {
      expect(checkSecretValue(q, BASE_SECRETS[q.id]!, BASE_ANSWERS), q.id).toBeUndefined();
      const stored = q.secret.storedIn!;
      expect(baseline.get(stored.file)?.[stored.key], q.id).toBe(BASE_SECRETS[q.id]);
    }
    expect(textQuestions.map((q) => q.id)).toEqual(['domain', 'admin_email', 'volume_root', 's3.mode', 's3.host', 's3.bucket']);
  });

  it.each(textQuestions.map((q) => [q.id, q] as const))('answer %s: checkValue rejects each value, or it renders and reads back identical', (_id, q) => {
    const wrong: Mismatch[] = [];
    for (const { name, value } of answerCorpus(q)) {
      const answers = { ...BASE_ANSWERS, [q.id]: value };
      if (checkValue(q, value, answers) !== undefined) continue;
      wrong.push(...roundTrip(name, q.id, String(BASE_ANSWERS[q.id]), value, answers, BASE_SECRETS));
    }
    expect(wrong).toEqual([]);
  });

  it.each(secretQuestions.map((q) => [q.id, q] as const))('secret %s: checkSecretValue rejects each value, or it renders and reads back identical', (_id, q) => {
    const wrong: Mismatch[] = [];
    for (const { name, value } of SECRET_CORPUS) {
      if (checkSecretValue(q, value, BASE_ANSWERS) !== undefined) continue;
      wrong.push(...roundTrip(name, q.id, BASE_SECRETS[q.id]!, value, BASE_ANSWERS, { ...BASE_SECRETS, [q.id]: value }));
    }
    expect(wrong).toEqual([]);
  });

  it('the stack sees both branches: hostile answers and secrets both rejected and accepted', () => {
    const count = (values: readonly HostileValue[], accepts: (value: string) => boolean) => values.filter(({ value }) => accepts(value)).length;
    const acceptedAnswers = textQuestions.map((q) => count(answerCorpus(q), (v) => checkValue(q, v, { ...BASE_ANSWERS, [q.id]: v }) === undefined));
    const acceptedSecrets = secretQuestions.map((q) => count(SECRET_CORPUS, (v) => checkSecretValue(q, v, BASE_ANSWERS) === undefined));
    textQuestions.forEach((q, i) => expect(acceptedAnswers[i], q.id).toBeLessThan(answerCorpus(q).length));
    for (const n of acceptedSecrets) expect(n).toBeLessThan(SECRET_CORPUS.length);
    // Paths, e-mails and secrets let hostile characters through to the format check and the templates.
    expect(acceptedAnswers[textQuestions.findIndex((q) => q.id === 'volume_root')]).toBeGreaterThan(100);
    expect(acceptedAnswers[textQuestions.findIndex((q) => q.id === 'admin_email')]).toBeGreaterThan(20);
    for (const n of acceptedSecrets) expect(n).toBeGreaterThan(200);
  });
});
