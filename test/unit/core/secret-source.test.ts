import { describe, expect, it } from 'vitest';
import { parseSecretSource, sourceForRecord, type SecretSource } from '../../../src/core/answers/secret-source.js';

const parse = (raw: unknown, canGenerate = true) => parseSecretSource(raw, 'secrets.token', 7, canGenerate);
const FORMS = 'Use one of: {generate: true}, {env: VARIABLE}, {file: /path/to/file}, {keychain: service/account}, or a literal string.';

describe('parseSecretSource', () => {
  it.each<[unknown, SecretSource]>([
    [{ env: 'BEACON_TOKEN' }, { kind: 'env', name: 'BEACON_TOKEN' }],
    [{ env: '_x1' }, { kind: 'env', name: '_x1' }],
    [{ file: '/run/secrets/token' }, { kind: 'file', path: '/run/secrets/token' }],
    [{ file: './token' }, { kind: 'file', path: './token' }],
    [{ keychain: 'fieldstation/beacon' }, { kind: 'keychain', service: 'fieldstation', account: 'beacon' }],
    [{ keychain: 'svc/acc/with/slashes' }, { kind: 'keychain', service: 'svc', account: 'acc/with/slashes' }],
    [{ generate: true }, { kind: 'generate' }],
  ])('reads the reference %j without a problem', (raw, source) => {
    expect(parse(raw)).toEqual({ source, problems: [] });
  });

  it.each(['a-literal-token', '{env: X}', 'generate', ''])('reads the string %j as a literal, never as a reference, with a warning', (raw) => {
    expect(parse(raw)).toEqual({
      source: { kind: 'literal', value: raw },
      problems: [{ path: 'secrets.token', line: 7, severity: 'warning', code: 'literal-secret', message: 'is a literal secret: anyone who can read the answers file can read it', fix: 'Prefer {generate: true}, {env: VARIABLE} or {file: /path}.' }],
    });
  });

  it('does not suggest generating a literal that cannot be generated', () => {
    expect(parse('a-literal', false).problems[0]!.fix).toBe('Prefer {env: VARIABLE} or {file: /path}.');
  });

  it.each<[unknown, string, string]>([
    [42, 'must be text or a reference, not number 42', FORMS],
    [null, 'must be text or a reference, not null', FORMS],
    [['a'], 'must be text or a reference, not a list', FORMS],
    [true, 'must be text or a reference, not boolean true', FORMS],
    [{}, 'must be a mapping with exactly one of env, file, keychain, generate (it has none)', FORMS],
    [{ env: 'X', file: 'y' }, 'must be a mapping with exactly one of env, file, keychain, generate (it has env, file)', FORMS],
    [{ vault: 'x' }, 'has an unknown reference "vault"', FORMS],
    [{ generate: 'yes' }, 'has "generate" set to something other than true', 'Write {generate: true}, or leave the key out.'],
    [{ generate: false }, 'has "generate" set to something other than true', 'Write {generate: true}, or leave the key out.'],
    [{ env: 'not a name' }, 'has env "not a name", which is not an environment variable name', 'Write {env: NAME} with NAME made of letters, digits and underscores.'],
    [{ env: '1ABC' }, 'has env "1ABC", which is not an environment variable name', 'Write {env: NAME} with NAME made of letters, digits and underscores.'],
    [{ env: 3 }, 'has env number 3, which is not an environment variable name', 'Write {env: NAME} with NAME made of letters, digits and underscores.'],
    [{ file: '' }, 'has file "", which is not a path', 'Write {file: /path/to/file}; a relative path is read from the answers file\'s folder.'],
    [{ file: '  ' }, 'has file "  ", which is not a path', 'Write {file: /path/to/file}; a relative path is read from the answers file\'s folder.'],
    [{ file: '/a\nb' }, 'has file "/a\\nb", which is not a path', 'Write {file: /path/to/file}; a relative path is read from the answers file\'s folder.'],
    [{ keychain: 'noslash' }, 'has keychain "noslash", which is not "service/account"', 'Write {keychain: service/account}, e.g. {keychain: fieldstation/stickypi-admin}.'],
    [{ keychain: '/account' }, 'has keychain "/account", which is not "service/account"', 'Write {keychain: service/account}, e.g. {keychain: fieldstation/stickypi-admin}.'],
    [{ keychain: 'service/' }, 'has keychain "service/", which is not "service/account"', 'Write {keychain: service/account}, e.g. {keychain: fieldstation/stickypi-admin}.'],
  ])('refuses %j, saying what is wrong and which forms are accepted', (raw, message, fix) => {
    expect(parse(raw)).toEqual({ problems: [{ path: 'secrets.token', line: 7, severity: 'error', message, fix }] });
  });

  it('refuses {generate: true} for a secret that must come from elsewhere', () => {
    expect(parse({ generate: true }, false)).toEqual({
      problems: [{ path: 'secrets.token', line: 7, severity: 'error', message: 'cannot be generated: it must match a value that exists elsewhere (e.g. issued by your provider)', fix: 'Give it with {env: VARIABLE} or {file: /path}.' }],
    });
  });
});

describe('sourceForRecord', () => {
  const absolute = (path: string) => (path.startsWith('/') ? path : `/srv/answers/${path.replace(/^\.\//, '')}`);
  it.each<[SecretSource, unknown]>([
    [{ kind: 'literal', value: 'never-recorded-value' }, '(literal, not recorded)'],
    [{ kind: 'env', name: 'BEACON_TOKEN' }, { env: 'BEACON_TOKEN' }],
    [{ kind: 'file', path: './token' }, { file: '/srv/answers/token' }],
    [{ kind: 'file', path: '/run/token' }, { file: '/run/token' }],
    [{ kind: 'keychain', service: 'fieldstation', account: 'beacon' }, { keychain: 'fieldstation/beacon' }],
    [{ kind: 'generate' }, { generate: true }],
  ])('records %j as %j, never with a value', (source, recorded) => {
    expect(sourceForRecord(source, absolute)).toEqual(recorded);
  });

  it('gives back what parseSecretSource reads, for every reference', () => {
    for (const raw of [{ env: 'X' }, { file: '/run/x' }, { keychain: 'a/b' }, { generate: true }]) {
      const { source } = parse(raw);
      expect(sourceForRecord(source!, absolute)).toEqual(raw);
    }
  });
});
