/**
 * The rule from the issue: every hostile value is either rejected at validation, or written and read back
 * identical, by dotenv and by Debian's docker-compose (a real Compose env_file parser) for .env files, and
 * by JSON.parse for JSON. This file checks the shared formats on their own; each stack's own test runs the
 * same corpus through its questions and templates, so validation and rendering can never disagree.
 * Input that every format could carry but that apply would fail on (a path over Linux's limits, bytes that
 * are not UTF-8, a character upstream cannot carry) goes through the CLI in hostile-values-cli.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { envFormat } from '../../../src/kit/formats/env.js';
import { jsonFormat } from '../../../src/kit/formats/json.js';
import { CORPUS, mismatch, type Mismatch } from '../../fixtures/hostile-values.js';

const COMPOSE = '/usr/bin/docker-compose';
const execFileAsync = promisify(execFile);

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
