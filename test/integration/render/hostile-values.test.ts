/**
 * The rule from the issue: every hostile value is either rejected at validation, or written and read back
 * identical, by dotenv and by Debian's docker-compose (a real Compose env_file parser) for .env files, and
 * by JSON.parse for JSON. This file checks the shared formats on their own; each stack's own test runs the
 * same corpus through its questions and templates, so validation and rendering can never disagree.
 * Input that every format could carry but that apply would fail on (a path over Linux's limits, bytes that
 * are not UTF-8, a character upstream cannot carry) goes through the CLI in hostile-values-cli.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { envFormat } from '../../../src/kit/formats/env.js';
import { jsonFormat } from '../../../src/kit/formats/json.js';
import { CORPUS, mismatch, type Mismatch } from '../../fixtures/hostile-values.js';
import { composeV1Environments, composeValue } from '../../helpers/compose.js';

const COMPOSE_FILE = ['services:', '  hostile:', '    image: busybox', '    env_file: ./test.env', ''].join('\n');

/** The environment Compose reads from `./test.env` in `dir`, as `docker-compose config` prints it. */
async function composeEnvironment(dir: string): Promise<Record<string, unknown>> {
  const environment = (await composeV1Environments(dir))['hostile'];
  if (!environment) throw new Error('docker-compose config printed no environment for the service');
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
        const got = composeValue(environment[e.key]);
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
