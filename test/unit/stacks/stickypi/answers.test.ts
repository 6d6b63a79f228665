import { describe, expect, it } from 'vitest';
import { parseAnswersText, readHeader } from '../../../../src/core/answers/answers-file.js';
import { checkAnswers, checkSecretValue } from '../../../../src/core/answers/check.js';
import { parseSecretSource } from '../../../../src/core/answers/secret-source.js';
import { generateSpecOf, type SecretQuestion } from '../../../../src/core/questions/types.js';
import { ALPHABETS, generateSecret } from '../../../../src/core/secrets/generate.js';
import { stickypi } from '../../../../src/stacks/stickypi/index.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

const check = (text: string) => checkAnswers(stickypi, parseAnswersText(text));
const errors = (text: string) => check(text).problems.filter((p) => p.severity === 'error');

const GOOD = `version: 1
stack: stickypi
domain: sticky.example.org
admin_email: admin@example.org
s3:
  host: s3.example-provider.com
  access_key: {env: KEY}
  private_key: {file: ./private}
`;

describe('answers file header', () => {
  it('needs version 1 and a known stack, and says which ones exist', () => {
    const doc = parseAnswersText('version: 2\nstack: stickpi\n');
    const { problems } = readHeader(doc, ['stickypi']);
    expect(problems.map((p) => [p.path, p.line])).toEqual([['version', 1], ['stack', 2]]);
    expect(problems[1]!.fix).toContain('stickypi');
  });
  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(parseAnswersText('version: 1\nstack: [\n').problems[0]!.line).toBeGreaterThan(1);
    const dup = parseAnswersText('version: 1\ndomain: a.org\ndomain: b.org\n');
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]!.line).toBe(3);
  });
  it('refuses a file that is not a mapping', () => {
    expect(readHeader(parseAnswersText('- a\n- b\n'), ['stickypi']).problems[0]!.message).toMatch(/not a YAML mapping/);
  });
});

describe('checkAnswers on the Sticky Pi catalogue', () => {
  it('accepts a minimal file and fills in defaults and generated secrets', () => {
    const r = check(GOOD);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.answers).toMatchObject({ volume_root: '/opt/sticky-pi-server', devices: 10, 's3.mode': 'remote', 's3.bucket': 'sticky-pi-prod' });
    expect(r.secretSources).toMatchObject({
      's3.access_key': { kind: 'env', name: 'KEY' },
      's3.private_key': { kind: 'file', path: './private' },
      'secrets.api_key': { kind: 'generate' },
      'secrets.mysql_password': { kind: 'generate' },
    });
  });

  it('reports every problem at once, each with key, line, what is wrong and a fix', () => {
    const text = `version: 1
stack: stickypi
domain: Sticky.Example.org
admin_email: not-an-email
devices: many
retention_weeks: 0
s3:
  mode: remot
  bucket: Bad_Bucket
  access_key: {generate: true}
secrets:
  admin_pasword: {generate: true}
  uid_password: {env: "not a name"}
extra: 1
`;
    const found = errors(text).map((p) => [p.path, p.line]);
    expect(found).toEqual([
      ['domain', 3],
      ['admin_email', 4],
      ['devices', 5],
      ['retention_weeks', 6],
      ['s3.mode', 8],
      ['s3.bucket', 9],
      ['secrets.admin_pasword', 12],
      ['secrets.uid_password', 13],
      ['extra', 14],
    ]);
    const byPath = Object.fromEntries(errors(text).map((p) => [p.path, p]));
    expect(byPath['domain']!.message).toMatch(/lower case/);
    expect(byPath['s3.mode']!.message).toMatch(/did you mean "remote"/);
    expect(byPath['s3.mode']!.fix).toBe('Give one of: remote, local.');
    expect(byPath['secrets.admin_pasword']!.fix).toBe('Did you mean "secrets.admin_password"?');
    expect(byPath['devices']!.fix).toMatch(/whole number from 1 to 100000/);
    for (const p of errors(text)) expect(p.fix, p.path).toBeTruthy();
  });

  it('refuses a domain too long for the certificate\'s webapp.<domain> name, which DNS limits to 253 characters', () => {
    // Labels of 63 characters and dots, ending in .org: 246 characters is the longest that works.
    const domain = (length: number) => `${`${'a'.repeat(62)}.`.repeat(4).slice(0, length - 4).replace(/\.$/, 'b')}.org`;
    const withDomain = (d: string) => GOOD.replace('domain: sticky.example.org', `domain: ${d}`);
    expect([domain(246).length, domain(247).length]).toEqual([246, 247]);
    expect(errors(withDomain(domain(246)))).toEqual([]);
    expect(errors(withDomain(domain(247)))).toEqual([expect.objectContaining({ path: 'domain', message: 'is 247 characters long; with "webapp." in front, the web app\'s name, it is over the 253 characters DNS allows' })]);
  });

  it('checks answers that depend on earlier ones only when they are used', () => {
    // s3.mode is invalid, so s3.host's question is not asked: no "missing" for it, no cascade.
    const remoteMissing = errors('version: 1\nstack: stickypi\ndomain: a.example.org\nadmin_email: a@example.org\n');
    expect(remoteMissing.map((p) => p.path)).toEqual(['s3.access_key', 's3.host', 's3.private_key']);
    const local = check('version: 1\nstack: stickypi\ndomain: a.example.org\nadmin_email: a@example.org\ns3:\n  mode: local\n  host: s3.example.org\n');
    expect(local.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(local.problems.find((p) => p.path === 's3.host')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/ignored/) });
    // Local S3 is a working mode now (MinIO, its route, bucket and upload check): nothing to warn about.
    expect(local.problems.find((p) => p.path === 's3.mode')).toBeUndefined();
    expect(local.secretSources['s3.access_key']).toEqual({ kind: 'generate' });
  });

  it('refuses a value that cannot be written into an env file', () => {
    const r = errors(`${GOOD}volume_root: "/opt/it's"\n`);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ path: 'volume_root', message: expect.stringMatching(/single quote/) });
  });

  it('says a group key must be a mapping', () => {
    const r = errors('version: 1\nstack: stickypi\ndomain: a.example.org\nadmin_email: a@example.org\ns3: remote\n');
    expect(r.find((p) => p.path === 's3')).toMatchObject({ line: 5, fix: expect.stringMatching(/mode, host, bucket/) });
  });

  it('asks for quotes when a number stands where text is expected', () => {
    const r = errors(`${GOOD.replace('host: s3.example-provider.com', 'bucket: 123')}`);
    expect(r.find((p) => p.path === 's3.bucket')?.message).toMatch(/put it in quotes/);
  });
});

describe('secret sources', () => {
  const parse = (raw: unknown, canGenerate = true) => parseSecretSource(raw, 'k', 1, canGenerate);
  it('reads a string as a literal (with a warning) and a mapping as a reference', () => {
    expect(parse('literal-value')).toMatchObject({ source: { kind: 'literal', value: 'literal-value' }, problems: [{ severity: 'warning' }] });
    // A string that looks like a reference is still a literal: no ambiguity.
    expect(parse('{env: X}').source).toEqual({ kind: 'literal', value: '{env: X}' });
    expect(parse('generate').source).toEqual({ kind: 'literal', value: 'generate' });
    expect(parse({ env: 'X' }).source).toEqual({ kind: 'env', name: 'X' });
    expect(parse({ file: '/run/secret' }).source).toEqual({ kind: 'file', path: '/run/secret' });
    expect(parse({ keychain: 'fieldstation/admin' }).source).toEqual({ kind: 'keychain', service: 'fieldstation', account: 'admin' });
    expect(parse({ generate: true }).source).toEqual({ kind: 'generate' });
  });
  it('rejects malformed references with the accepted forms', () => {
    for (const raw of [{ env: 'X', file: 'y' }, { vault: 'x' }, { generate: 'yes' }, { keychain: 'noslash' }, 42, null, ['a']]) {
      const r = parse(raw);
      expect(r.source, JSON.stringify(raw)).toBeUndefined();
      expect(r.problems[0]!.severity).toBe('error');
    }
    expect(parse({ generate: true }, false).problems[0]!.message).toMatch(/cannot be generated/);
  });
});

describe('the database password, which upstream puts unescaped into its mysql+pymysql:// URL', () => {
  const q = stickypi.questions.find((x): x is SecretQuestion => x.id === 'secrets.mysql_password' && x.kind === 'secret')!;
  const FORBIDDEN = '@/:#?%';

  it('refuses each character that would break the URL, saying why, and takes the rest', () => {
    expect(q.secret.forbidden?.characters).toBe(FORBIDDEN);
    for (const c of FORBIDDEN) expect(checkSecretValue(q, `password-${c}-1234`, {})).toBe(`contains '${c}', which upstream puts unescaped into a mysql+pymysql:// URL`);
    expect(checkSecretValue(q, 'pass-word_1.2~34', {})).toBeUndefined();
  });

  it('is generated from an alphabet with none of those characters, so a generated one always passes', () => {
    const spec = generateSpecOf(q, {})!;
    expect([...ALPHABETS[spec.alphabet]].filter((c) => FORBIDDEN.includes(c))).toEqual([]);
    const random = seededRandom('mysql-password');
    for (let i = 0; i < 200; i++) expect(checkSecretValue(q, generateSecret(random, spec), {})).toBeUndefined();
  });
});
