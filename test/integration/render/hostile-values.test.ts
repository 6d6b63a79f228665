/**
 * The rule from the issue: every hostile value is either rejected at validation, or written and read back
 * identical, by dotenv and by Debian's docker-compose (a real Compose env_file parser) for .env files, and
 * by JSON.parse for JSON. Checked for the formats on their own and through the Sticky Pi stack's templates,
 * so validation and rendering can never disagree.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSecretValue, checkValue } from '../../../src/core/answers/check.js';
import { renderFiles } from '../../../src/core/plan/plan.js';
import { defaultOf, isAsked, type AnswerValue, type Question, type SecretQuestion } from '../../../src/core/questions/types.js';
import { createRenderer } from '../../../src/core/render/engine.js';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { envFormat } from '../../../src/kit/formats/env.js';
import { jsonFormat } from '../../../src/kit/formats/json.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { loadTemplates } from '../../../src/io/templates.js';
import { stickypi } from '../../../src/stacks/stickypi/index.js';
import { HOSTILE_VALUES, randomHostileValues, type HostileValue } from '../../fixtures/hostile-values.js';

const CORPUS: readonly HostileValue[] = [...HOSTILE_VALUES, ...randomHostileValues(300)];

const COMPOSE = '/usr/bin/docker-compose';
const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));
const execFileAsync = promisify(execFile);

/** One value that did not come back as written. */
interface Mismatch {
  readonly name: string;
  readonly where: string;
  readonly wrote: string;
  readonly got: string;
}

/** A value for a failure message: escaped, and cut short when long. */
function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 60)}… (${String(value).length} characters)` : text;
}

const mismatch = (name: string, where: string, wrote: string, got: unknown): Mismatch => ({ name, where, wrote: show(wrote), got: show(got) });

/** Reads an env file's bytes the way apply leaves them on disk (UTF-8). */
const parseEnvText = (text: string): Record<string, string> => parseEnv(Buffer.from(text, 'utf8'));

/* ------------------------------------------------------------------------------------------------ */
/* docker-compose                                                                                    */
/* ------------------------------------------------------------------------------------------------ */

const COMPOSE_FILE = ['services:', '  hostile:', '    image: busybox', '    env_file: ./test.env', ''].join('\n');

/**
 * Compose v1 prints YAML 1.1 (PyYAML), in which NEL, LS and PS (U+0085, U+2028, U+2029) are line breaks:
 * in a single-quoted scalar PyYAML writes such a character raw, then the next line's indentation. The yaml
 * package reads YAML 1.2, where they are ordinary characters, and would keep that indentation as text.
 * PyYAML never single-quotes a value with a space next to such a break (it double-quotes and escapes it
 * instead), so dropping the spaces that follow them restores the value exactly.
 */
const yaml11Breaks = (text: string): string => text.replace(/([\u0085\u2028\u2029]) +/g, '$1');

/** Compose's `config` escapes every literal `$` as `$$`. */
const unescapeDollars = (value: string): string => value.replace(/\$\$/g, '$');

/** The environment Compose reads from `./test.env` in `dir`, as `docker-compose config` prints it. */
async function composeEnvironment(dir: string): Promise<Record<string, unknown>> {
  if (!existsSync(COMPOSE)) {
    throw new Error(
      `${COMPOSE} is missing, so .env files cannot be checked against a real Compose parser: install Debian's docker-compose: apt-get install -y docker-compose` +
        (process.env['CI'] ? '' : ' (this test fails rather than skips without it)'),
    );
  }
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(COMPOSE, ['-f', 'docker-compose.yml', 'config'], { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }));
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker-compose config failed: ${stderr ?? String(error)}`, { cause: error });
  }
  const config = parseYaml(yaml11Breaks(stdout), { version: '1.1' }) as { services?: Record<string, { environment?: Record<string, unknown> }> };
  const environment = config.services?.['hostile']?.environment;
  if (!environment) throw new Error(`docker-compose config printed no environment for the service:\n${stdout.slice(0, 2000)}`);
  return environment;
}

/* ------------------------------------------------------------------------------------------------ */
/* The formats on their own                                                                          */
/* ------------------------------------------------------------------------------------------------ */

describe('env format: each hostile value is rejected or read back identical', () => {
  const entries = CORPUS.map((h, i) => ({ ...h, key: `V${String(i).padStart(4, '0')}`, reason: envFormat.check(h.value) }));
  const accepted = entries.filter((e) => e.reason === undefined);
  const rejected = entries.filter((e) => e.reason !== undefined);
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fieldstation-hostile-'));
    const lines = accepted.map((e) => `${e.key}=${quoteFor(envFormat, e.value)}`);
    await writeFile(join(dir, 'test.env'), `# hostile values, one per key\n${lines.join('\n')}\n`, 'utf8');
    await writeFile(join(dir, 'docker-compose.yml'), COMPOSE_FILE, 'utf8');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the corpus exercises both branches: some values rejected, most accepted', () => {
    expect(rejected.length).toBeGreaterThanOrEqual(20);
    expect(accepted.length).toBeGreaterThan(rejected.length);
    // The classic troublemakers are among the rejected ones.
    const rejectedNames = rejected.map((e) => e.name);
    for (const name of ['apostrophe', 'real newline', 'carriage return', 'NUL', 'trailing backslash', 'two backslashes', '${HOME}']) {
      expect(rejectedNames).toContain(name);
    }
  });

  it('quoteFor refuses exactly the values check() rejects, with the same reason', () => {
    for (const e of rejected) {
      expect(() => quoteFor(envFormat, e.value), e.name).toThrow(FormatError);
      expect(() => quoteFor(envFormat, e.value), e.name).toThrow(e.reason!);
    }
    for (const e of accepted) expect(quoteFor(envFormat, e.value), e.name).toBe(envFormat.quote(e.value));
  });

  it.each([
    ['default', false],
    ['fast', true],
  ])('dotenv (%s parser) reads every accepted value back identical from the written file', async (_parser, fast) => {
    const parsed = parseEnv(await readFile(join(dir, 'test.env')), { fast });
    const wrong = accepted.filter((e) => parsed[e.key] !== e.value).map((e) => mismatch(e.name, `dotenv ${e.key}`, e.value, parsed[e.key]));
    expect(wrong).toEqual([]);
    expect(Object.keys(parsed)).toHaveLength(accepted.length);
  });

  it('docker-compose config reads every accepted value back identical from the written file', async () => {
    const environment = await composeEnvironment(dir);
    const wrong = accepted
      .map((e) => {
        const raw = environment[e.key];
        const got = typeof raw === 'string' ? unescapeDollars(raw) : raw;
        return got === e.value ? undefined : mismatch(e.name, `docker-compose ${e.key}`, e.value, got);
      })
      .filter((m) => m !== undefined);
    expect(wrong).toEqual([]);
    expect(Object.keys(environment)).toHaveLength(accepted.length);
  });
});

describe('json format: every hostile value is accepted and read back identical', () => {
  it('JSON.parse(quote(value)) === value, also after the text went through UTF-8 (lone surrogates are escaped)', () => {
    const wrong: Mismatch[] = [];
    for (const { name, value } of CORPUS) {
      expect(jsonFormat.check(value), name).toBeUndefined();
      const onDisk = Buffer.from(quoteFor(jsonFormat, value), 'utf8').toString('utf8');
      const back: unknown = JSON.parse(onDisk);
      if (back !== value) wrong.push(mismatch(name, 'JSON.parse', value, back));
    }
    expect(wrong).toEqual([]);
  });
});

/* ------------------------------------------------------------------------------------------------ */
/* Through the Sticky Pi stack                                                                       */
/* ------------------------------------------------------------------------------------------------ */

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
