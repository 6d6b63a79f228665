/**
 * The docker-env format against its two real readers: every hostile value is either refused, or written and
 * read back identical by the docker CLI (`docker run --env-file`, through the recording stand-in of the
 * engine's socket) AND by Docker Compose's env_file parser (`docker-compose config`, Debian's v1; and v2's
 * `docker compose config` where a machine has it). The other way round too: every refused value would
 * indeed have been changed by one of them, unless the refusal is for safety alone and listed below.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteFor } from '../../../src/core/formats/format.js';
import { DOCKER_ENV_KEY_MAX_BYTES, DOCKER_ENV_VALUE_MAX_BYTES, dockerCliValues, dockerEnvFormat } from '../../../src/kit/formats/docker-env.js';
import { CORPUS, mismatch, type HostileValue, type Mismatch } from '../../fixtures/hostile-values.js';
import { suiteDir } from '../../helpers/cli.js';
import { composeV1Environments, composeV2Environments, composeValue, hasComposeV2, type ComposeEnvironments } from '../../helpers/compose.js';
import { dockerRunEnv, envMap, startDockerEngineStandIn, type DockerEngineStandIn } from '../../helpers/docker-engine.js';
import { renderTemplate } from '../../helpers/render.js';

/** Values aimed at this format's own edges, beside the shared corpus. */
const EDGES: readonly HostileValue[] = Object.entries({
  'no-break space at the start': '\u00A0x',
  'no-break space at the end': 'x\u00A0',
  'ideographic space at the end': 'x\u3000',
  'NEL at the end': 'x\u0085',
  'U+001F at the end (Python calls it space, Go does not)': 'x\u001F',
  'form feed at the start': '\u000Cx',
  'no-break space then #': 'a\u00A0#b',
  'U+001C then #': 'a\u001C#b',
  'line separator then #': 'a\u2028#b',
  'zero-width space then # (not white space)': 'a\u200B#b',
  'zero-width space at the ends (not white space)': '\u200Bx\u200B',
  'BOM at the end': 'x\uFEFF',
  '# after a letter': 'a#b',
  'CR in the middle': 'a\rb',
  'backtick first': '`t`',
  'quote last': "q'",
  'double quote last': 'q"',
  'quotes inside': 'a\'b"c',
  'backslash then quote first': "\\'x",
  'backslash n': 'a\\nb',
  '$ then digit': 'pa$1ss',
  '$ then space': 'a$ b',
  '$ then dash': '$-x',
  '$ then underscore': '$_x',
  '$ then Kelvin sign': '$\u212Ax',
  '$ then long s': '$\u017Fx',
  '$ then a non-ASCII letter': '$äx',
  '${ unclosed': '${x',
  '$$ alone': '$$',
  'equals first': '=x',
  'export word': 'export',
  'DEL and ESC': '\u007F\u001B[0m',
  'vertical tab inside': 'a\u000Bb',
}).map(([name, value]) => ({ name, value }));

const key = (i: number) => `V${String(i).padStart(4, '0')}`;

/**
 * Refusals that no reader here would show as a change, each for a stated reason; every other refused value
 * must come back changed from the docker CLI or Compose.
 */
function safetyOnly(reason: string, v2: boolean): string | undefined {
  // Both readers pass NUL through, but the container's process cannot be given it (execve ends the string).
  if (reason.startsWith('contains a NUL character')) return 'NUL: no process environment can carry it';
  // `$NAME` and `$$` are read as variables by Compose v2 only (compose-go's dotenv); v1 expands `${NAME}`
  // alone. Debian 12 has no v2, so where it is absent these refusals rest on compose-go's syntax, and where
  // it is present they are checked for real.
  if (!v2 && reason.includes('which Docker Compose reads as a variable')) return 'a variable for Compose v2, which this machine lacks';
  return undefined;
}

describe('docker-env format: each hostile value is refused, or read back identical by the docker CLI and Compose', () => {
  const entries = [...CORPUS, ...EDGES].map((h, i) => ({ ...h, key: key(i), reason: dockerEnvFormat.check(h.value) }));
  const accepted = entries.filter((e) => e.reason === undefined);
  const refused = entries.filter((e) => e.reason !== undefined);
  const folder = suiteDir('fieldstation-docker-env-');
  let engine: DockerEngineStandIn;
  let v2 = false;
  let envText = '';
  let dockerEnv: Map<string, string>;
  let composeV1: ComposeEnvironments;

  beforeAll(async () => {
    const dir = folder.path();
    engine = await startDockerEngineStandIn();
    v2 = await hasComposeV2();
    // The accepted values in one env.txt, rendered by the template engine as a stack's file is, 0600 as
    // fieldstation writes it.
    envText = renderTemplate('# hostile values, one per key\n{{#each vars}}{{docker-env this.key}}={{docker-env this.value}}\n{{/each}}', dockerEnvFormat, { vars: accepted });
    writeFileSync(join(dir, 'env.txt'), envText, { mode: 0o600 });
    chmodSync(join(dir, 'env.txt'), 0o600);
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  ichnaea:\n    image: mozilla/location\n    env_file: env.txt\n');
    const run = await dockerRunEnv(engine, [join(dir, 'env.txt')]);
    if (!run.ok) throw new Error(`the docker CLI refused the accepted values' env.txt: ${run.error}`);
    dockerEnv = envMap(run.env);
    composeV1 = await composeV1Environments(dir);

  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('the corpus exercises both branches, and the classic troublemakers are refused', () => {
    expect(refused.length).toBeGreaterThanOrEqual(40);
    expect(accepted.length).toBeGreaterThan(refused.length);
    const names = refused.map((e) => e.name);
    for (const name of ['real newline', 'carriage return', 'NUL', 'space then #', 'leading spaces', 'trailing spaces', 'single-quoted', 'double-quoted', '${HOME}', '$HOME', 'lone high surrogate']) {
      expect(names).toContain(name);
    }
    // What both take literally is accepted: backslashes, quotes after the start, # after a non-space.
    const acceptedNames = accepted.map((e) => e.name);
    for (const name of ['two backslashes', 'trailing backslash', 'apostrophe', 'double quotes inside', '# in the middle', 'lone $', 'trailing $']) {
      expect(acceptedNames).toContain(name);
    }
  });

  it('the stand-in saw only pings and creates, and the values travelled in the file, not in argv', () => {
    expect(engine.unexpected).toEqual([]);
    const create = engine.creates[0]!;
    expect(create.Cmd).toEqual(['true']);
    expect(create.Image).toBe('fieldstation-test-image');
  });

  it('the docker CLI reads every accepted value back identical, and nothing else', () => {
    const wrong: Mismatch[] = accepted.filter((e) => dockerEnv.get(e.key) !== e.value).map((e) => mismatch(e.name, `docker ${e.key}`, e.value, dockerEnv.get(e.key)));
    expect(wrong).toEqual([]);
    expect([...dockerEnv.keys()].sort()).toEqual(accepted.map((e) => e.key).sort());
  });

  it('Compose v1 (docker-compose config) reads every accepted value back identical, and nothing else', () => {
    const environment = composeV1['ichnaea'] ?? {};
    const wrong = accepted.filter((e) => composeValue(environment[e.key]) !== e.value).map((e) => mismatch(e.name, `docker-compose ${e.key}`, e.value, composeValue(environment[e.key])));
    expect(wrong).toEqual([]);
    expect(Object.keys(environment).sort()).toEqual(accepted.map((e) => e.key).sort());
  });

  // Compose v2 (`docker compose config`) is not on this project's machines (Debian 12 ships only v1), and a
  // test that skips itself under CI is not allowed here: its rules are enforced from compose-go's source,
  // and a machine with v2 adds its answers to the refused values' evidence below.

  it("the format's reader reads the file as the docker CLI does", () => {
    const read = dockerEnvFormat.reader!(readFileSync(join(folder.path(), 'env.txt'), 'utf8'));
    const wrong = accepted.filter((e) => read(e.key) !== dockerEnv.get(e.key)).map((e) => mismatch(e.name, `reader ${e.key}`, dockerEnv.get(e.key)!, read(e.key)));
    expect(wrong).toEqual([]);
  });

  describe('every refused value would have been changed by a reader (each in an env file of its own)', () => {
    let files: string[] = [];
    let docker: Map<string, { value?: string; error?: string }>;
    let composeV1Refused: ComposeEnvironments;
    let composeV2Refused: ComposeEnvironments | undefined;

    beforeAll(async () => {
      const dir = folder.path();
      // One file per value, so a value that opens a quote or splits a line cannot change its neighbours.
      files = refused.map((e) => join(dir, `refused-${e.key}.txt`));
      refused.forEach((e, i) => writeFileSync(files[i]!, `${e.key}=${e.value}\n`, { mode: 0o600 }));
      docker = await dockerReadsEach(engine, refused.map((e, i) => ({ key: e.key, file: files[i]! })));
      const services = refused.map((e, i) => `  s${e.key}:\n    image: mozilla/location\n    env_file: ${files[i]}\n`).join('');
      writeFileSync(join(dir, 'refused.yml'), `services:\n${services}`);
      composeV1Refused = await composeV1Environments(dir, 'refused.yml');
      if (v2) composeV2Refused = await composeV2Environments(dir, 'refused.yml');
    }, 120_000);

    it('changed by the docker CLI, by Compose, or refused for a stated safety reason', () => {
      const unjustified: string[] = [];
      for (const e of refused) {
        const byDocker = docker.get(e.key)!;
        const changes = [
          byDocker.error !== undefined ? `docker: ${byDocker.error}` : byDocker.value !== e.value ? `docker: ${JSON.stringify(byDocker.value)}` : undefined,
          changedBy(composeV1Refused, e.key, e.value, 'docker-compose'),
          composeV2Refused ? changedBy(composeV2Refused, e.key, e.value, 'docker compose') : undefined,
        ].filter((c) => c !== undefined);
        if (changes.length === 0 && safetyOnly(e.reason!, v2) === undefined) unjustified.push(`${e.name} ${JSON.stringify(e.value)}: ${e.reason}`);
      }
      expect(unjustified).toEqual([]);
    });

    it("the format's reader reads each of these files as the docker CLI does", () => {
      const wrong: Mismatch[] = [];
      refused.forEach((e, i) => {
        const byDocker = docker.get(e.key)!;
        if (byDocker.error !== undefined) return;
        const got = dockerEnvFormat.reader!(readFileSync(files[i]!, 'utf8'))(e.key);
        if (got !== byDocker.value) wrong.push(mismatch(e.name, `reader ${e.key}`, byDocker.value ?? '(absent)', got));
      });
      expect(wrong).toEqual([]);
    });
  });

  it("the format's reader reads a hand-edited file as the docker CLI does: comments, indents, BOMs, CRLF, repeats, bare keys", async () => {
    const file = join(folder.path(), 'edited.txt');
    const text = [
      '\uFEFFFIRST=the BOM of line 1 is dropped',
      '  # an indented comment',
      '\tTAB=a tab before the key',
      '\u00A0NBSP=a no-break space before the key',
      '\u0085NEL=NEL before the key (Go calls it space, JavaScript does not)',
      '\u2028LS=a line separator before the key',
      '\uFEFFLATER=a BOM on a later line is part of the key (JavaScript would trim it)',
      '\u001CFS=U+001C before the key is part of it too',
      'CRLF=windows line\r',
      'CRCR=two CRs\r\r',
      'DUP=first',
      'DUP=second',
      'BARE',
      'EMPTY=',
      'EQ=a=b==',
      'HASH=#not a comment',
      'QUOTED="kept" \'as is\' ',
      '',
      'LAST=no newline at the end',
    ].join('\n');
    writeFileSync(file, text);
    const run = await dockerRunEnv(engine, [file]);
    if (!run.ok) throw new Error(run.error);
    expect(run.env.filter((e) => e.startsWith('DUP='))).toEqual(['DUP=first', 'DUP=second']);
    expect(dockerCliValues(readFileSync(file, 'utf8'))).toEqual(envMap(run.env));
  });

  it('the longest value fits the docker CLI after a key of the longest length the check allows, and one byte more does not', async () => {
    const dir = folder.path();
    const longKey = 'K'.repeat(DOCKER_ENV_KEY_MAX_BYTES);
    const longest = 'ä'.repeat((DOCKER_ENV_VALUE_MAX_BYTES - 1) / 2) + 'x'.repeat((DOCKER_ENV_VALUE_MAX_BYTES - 1) % 2 + 1);
    expect(Buffer.byteLength(longest)).toBe(DOCKER_ENV_VALUE_MAX_BYTES);
    expect(dockerEnvFormat.check(longest)).toBeUndefined();
    writeFileSync(join(dir, 'longest.txt'), `${longKey}=${quoteFor(dockerEnvFormat, longest)}\n`);
    const fits = await dockerRunEnv(engine, [join(dir, 'longest.txt')]);
    expect(fits.ok && envMap(fits.env).get(longKey) === longest).toBe(true);
    writeFileSync(join(dir, 'longest.yml'), `services:\n  long:\n    image: mozilla/location\n    env_file: longest.txt\n`);
    expect(composeValue((await composeV1Environments(dir, 'longest.yml'))['long']?.[longKey])).toBe(longest);

    const over = `${longest}x`;
    expect(dockerEnvFormat.check(over)).toMatch(/^is 65407 bytes long in UTF-8, and the docker CLI reads at most 65535 bytes a line/);
    writeFileSync(join(dir, 'over.txt'), `${longKey}=${over}\n`);
    const refusedRun = await dockerRunEnv(engine, [join(dir, 'over.txt')]);
    expect(refusedRun).toEqual({ ok: false, error: expect.stringContaining('token too long') as unknown });
  });
});

/** How Compose changed a value, or undefined when it read it back identical. */
function changedBy(environments: ComposeEnvironments, key: string, value: string, who: string): string | undefined {
  const environment = environments[`s${key}`] ?? {};
  if (!(key in environment)) return `${who}: absent`;
  const got = composeValue(environment[key]);
  return got === value ? undefined : `${who}: ${JSON.stringify(got)}`;
}

/**
 * What the docker CLI made of each file: one run with all of them (each `--env-file` is parsed on its own),
 * and when the CLI refuses a file (it names it), that file's value is recorded as refused and the rest run
 * again, so one bad file costs one more run, not one run per value.
 */
async function dockerReadsEach(engine: DockerEngineStandIn, items: readonly { key: string; file: string }[]): Promise<Map<string, { value?: string; error?: string }>> {
  const out = new Map<string, { value?: string; error?: string }>();
  let left = [...items];
  while (left.length) {
    const run = await dockerRunEnv(engine, left.map((i) => i.file));
    if (run.ok) {
      const env = envMap(run.env);
      for (const item of left) out.set(item.key, env.has(item.key) ? { value: env.get(item.key)! } : {});
      break;
    }
    const bad = left.find((i) => run.error.includes(`invalid env file (${i.file})`));
    if (!bad) throw new Error(`the docker CLI failed without naming a file: ${run.error}`);
    out.set(bad.key, { error: run.error.replace(/^docker: /, '').split('\n')[0]! });
    left = left.filter((i) => i !== bad);
  }
  return out;
}
