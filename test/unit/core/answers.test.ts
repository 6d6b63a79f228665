import { describe, expect, it } from 'vitest';
import { parseAnswersText, readHeader } from '../../../src/core/answers/answers-file.js';
import { checkAnswers } from '../../../src/core/answers/check.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { MINIMAL } from './beacon.js';

const check = (text: string) => checkAnswers(beacon, parseAnswersText(text));
const errors = (text: string) => check(text).problems.filter((p) => p.severity === 'error');
const warnings = (text: string) => check(text).problems.filter((p) => p.severity === 'warning');

describe('the answers file header', () => {
  it('needs version 1 and a known stack, and says which stacks exist', () => {
    const { stack, problems } = readHeader(parseAnswersText('version: 2\nstack: beacn\n'), ['beacon', 'tidegauge']);
    expect(stack).toBeUndefined();
    expect(problems).toEqual([
      { path: 'version', line: 1, severity: 'error', message: 'is 2, a version this fieldstation does not read', fix: 'Use "version: 1".' },
      { path: 'stack', line: 2, severity: 'error', message: 'is "beacn", which is not a server fieldstation sets up', fix: 'Use one of: beacon, tidegauge.' },
    ]);
  });

  it('says what to add when version or stack is missing', () => {
    expect(readHeader(parseAnswersText('site:\n  name: x\n'), ['beacon']).problems).toEqual([
      { path: 'version', severity: 'error', message: 'is missing', fix: 'Add "version: 1" at the top.' },
      { path: 'stack', severity: 'error', message: 'is missing', fix: 'Add "stack: <name>", one of: beacon.' },
    ]);
  });

  it('gives the stack of a good header, without problems', () => {
    expect(readHeader(parseAnswersText(MINIMAL), ['beacon'])).toEqual({ stack: 'beacon', problems: [] });
  });

  it('reports YAML syntax errors and duplicate keys with their line, and no data', () => {
    const broken = parseAnswersText('version: 1\nstack: beacon\nsite: [\n');
    expect(broken.data).toBeUndefined();
    expect(broken.problems[0]).toMatchObject({ path: '', severity: 'error', message: expect.stringMatching(/^the file is not valid YAML: /) });
    expect(broken.problems[0]!.line).toBeGreaterThan(2);
    const dup = parseAnswersText('version: 1\nsensors: 3\nsensors: 4\n');
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]!.line).toBe(3);
  });

  it('refuses aliases that expand too far, and an alias to no anchor, without building the data', () => {
    // Each level doubles the one before: 2^30 strings if it were built.
    const levels = ['a0: &a0 [x, x]', ...Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`)];
    const laughs = parseAnswersText(`version: 1\nstack: beacon\n${levels.join('\n')}\n`);
    expect(laughs.data).toBeUndefined();
    expect(laughs.problems).toEqual([expect.objectContaining({
      path: '',
      severity: 'error',
      message: expect.stringMatching(/^the file is not valid YAML: .*alias/i),
      fix: 'Answers files need no anchors or aliases (& and *): write each value where it belongs.',
    })]);
    const dangling = parseAnswersText('version: 1\nstack: beacon\nsite: *nowhere\n');
    expect(dangling.data).toBeUndefined();
    expect(dangling.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^the file is not valid YAML: /) })]);
    // A few aliases are still fine: the limit is on expansion, not on the feature.
    expect(parseAnswersText('version: 1\nstack: beacon\nx: &v 3\ny: *v\n').data).toMatchObject({ x: 3, y: 3 });
  });

  it('refuses a second document, aliases that expand far with few of them, and keys that are lists', () => {
    expect(parseAnswersText('version: 1\nstack: beacon\n---\nversion: 1\n').problems).toEqual([expect.objectContaining({
      message: expect.stringMatching(/more than one YAML document/),
      fix: expect.stringMatching(/remove the "---" line/),
    })]);
    // Ten aliases, each doubling the one before: few aliases, but 8 * 2^10 values.
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x]', ...Array.from({ length: 10 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`)];
    const wide = parseAnswersText(`version: 1\nstack: beacon\n${levels.join('\n')}\n`);
    expect(wide.data).toBeUndefined();
    expect(wide.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/aliases expand to more than/), fix: expect.stringMatching(/no anchors or aliases/) })]);
    expect(parseAnswersText('version: 1\n? [a, b]\n: 1\n').problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^the file is not valid YAML: .*complex keys/) })]);
  });

  it('finds lines after a byte-order mark, inside flow mappings and in lists', () => {
    const doc = parseAnswersText('\uFEFFversion: 1\nsecrets:\n  token: {file: /run/t}\nlist:\n  - a\n  - {b: 1}\n');
    expect(doc.lineOf(['version'])).toBe(1);
    expect(doc.lineOf(['secrets', 'token', 'file'])).toBe(3);
    expect(doc.lineOf(['list', '1', 'b'])).toBe(6);
    expect(doc.lineOf(['list', '7'])).toBe(4);
  });

  it('refuses a file that is not a mapping, once', () => {
    expect(readHeader(parseAnswersText('- a\n- b\n'), ['beacon']).problems).toEqual([
      expect.objectContaining({ path: '', message: 'the file is not a YAML mapping of answers' }),
    ]);
    // A file that is not even YAML has its syntax problem already: no second one about the mapping.
    expect(readHeader(parseAnswersText('site: [\n'), ['beacon']).problems).toEqual([]);
  });

  it('finds the line of a nested key, and of its closest parent when the key is not there', () => {
    const doc = parseAnswersText(MINIMAL);
    expect(doc.lineOf(['site', 'domain'])).toBe(5);
    expect(doc.lineOf(['site', 'nothing'])).toBe(3);
    expect(doc.lineOf(['storage', 'mode'])).toBeUndefined();
  });
});

describe('checkAnswers with Beacon', () => {
  it('accepts the required answers and fills in every default and generated secret', () => {
    expect(check(MINIMAL)).toEqual({
      answers: { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', data_root: '/srv/beacon', sensors: 8, 'storage.mode': 'local', alerts: false },
      secretSources: { 'secrets.token': { kind: 'generate' }, 'secrets.vault_key': { kind: 'generate' } },
      problems: [],
    });
  });

  it('reports every problem at once, each with its key, line, what is wrong and a fix', () => {
    const text = `version: 1
stack: beacon
site:
  name: North Ridge
  domain: Beacon.Example.org
  nmae: north
data_root: srv/beacon
sensors: many
storage:
  mode: remot
alerts: maybe
secrets:
  token: {generate: yes}
  vault_key: {env: "not a name"}
sensor: 3
`;
    expect(check(text).problems).toEqual([
      { path: 'site.name', line: 4, severity: 'error', message: 'is "North Ridge", which is not 2-31 lower-case letters, digits or hyphens, starting with a letter', fix: 'For example: north-ridge.' },
      { path: 'site.domain', line: 5, severity: 'error', message: 'has capital letters; type it in lower case, as DNS names are written here', fix: 'Give a host name such as beacon.example.org (lower case, no "https://").' },
      { path: 'site.nmae', line: 6, severity: 'error', message: 'is not a Beacon answer', fix: 'Did you mean "site.name"?' },
      { path: 'data_root', line: 7, severity: 'error', message: 'is not an absolute path (it must start with "/", e.g. /opt/data)', fix: 'Give an absolute path such as /srv/beacon.' },
      { path: 'sensors', line: 8, severity: 'error', message: 'is "many", not a whole number: it must be one from 1 to 500', fix: 'Give a whole number from 1 to 500, e.g. 8.' },
      { path: 'storage.mode', line: 10, severity: 'error', message: 'is "remot", not one of the choices: it must be one of local, remote (did you mean "remote"?)', fix: 'Give one of: local, remote.' },
      { path: 'alerts', line: 11, severity: 'error', message: 'is "maybe", not true or false: write true or false', fix: 'Give true or false.' },
      { path: 'secrets.token', line: 13, severity: 'error', message: 'has "generate" set to something other than true', fix: 'Write {generate: true}, or leave the key out.' },
      { path: 'secrets.vault_key', line: 14, severity: 'error', message: 'has env "not a name", which is not an environment variable name', fix: 'Write {env: NAME} with NAME made of letters, digits and underscores.' },
      { path: 'sensor', line: 15, severity: 'error', message: 'is not a Beacon answer', fix: 'Did you mean "sensors"?' },
    ]);
    // Nothing invalid is passed on as an answer.
    expect(check(text).answers).toEqual({});
  });

  it('lists the known keys when an unknown one is near none of them', () => {
    expect(errors(`${MINIMAL}storage:\n  archive: https://x.example.org\n`)).toEqual([
      { path: 'storage.archive', line: 7, severity: 'error', message: 'is not a Beacon answer', fix: 'Known keys here: mode, url, key.' },
    ]);
  });

  it('says a group key must be a mapping, and goes on with the defaults under it', () => {
    const r = check(`${MINIMAL}storage: remote\n`);
    expect(r.problems).toEqual([
      { path: 'storage', line: 6, severity: 'error', message: 'is "remote", but it groups other answers', fix: 'Make it a mapping with keys: mode, url, key.' },
    ]);
    expect(r.answers['storage.mode']).toBe('local');
  });

  it('says what is missing, with the question and what a valid answer looks like', () => {
    expect(errors('version: 1\nstack: beacon\nstorage:\n  mode: remote\n')).toEqual([
      { path: 'storage.key', line: 3, severity: 'error', message: 'is missing', fix: 'Key of the remote archive? Give it as {env: VARIABLE}, {file: /path/to/file}, {keychain: service/account}, or a literal string.' },
      { path: 'storage.url', line: 3, severity: 'error', message: 'is missing', fix: 'URL of the remote archive? For example: https://archive.example.org/beacon.' },
      { path: 'site.domain', severity: 'error', message: 'is missing', fix: 'Domain name of the logger? Give a host name such as beacon.example.org (lower case, no "https://").' },
      { path: 'site.name', severity: 'error', message: 'is missing', fix: 'Name of the field site? For example: north-ridge.' },
    ]);
  });

  it('warns that answers its `when` leaves out are ignored, and does not use them', () => {
    const text = `${MINIMAL}storage:\n  mode: local\n  url: https://archive.example.org/b\n  key: {env: ARCHIVE_KEY}\n`;
    expect(check(text).problems).toEqual([
      { path: 'storage.url', line: 8, severity: 'warning', message: 'is ignored: it is used only when storage.mode is remote', fix: 'Remove it, or change the answer it depends on.' },
      { path: 'storage.key', line: 9, severity: 'warning', message: 'is ignored: it is used only when storage.mode is remote', fix: 'Remove it, or change the answer it depends on.' },
    ]);
    expect(check(text).answers).not.toHaveProperty('storage.url');
    expect(check(text).secretSources).not.toHaveProperty('storage.key');
  });

  it('checks the answers a `when` asks for once they apply', () => {
    const remote = `${MINIMAL}storage:\n  mode: remote\n  url: https://archive.example.org/b\n  key: {generate: true}\n`;
    expect(errors(remote)).toEqual([
      { path: 'storage.key', line: 9, severity: 'error', message: 'cannot be generated: it must match a value that exists elsewhere (e.g. issued by your provider)', fix: 'Give it with {env: VARIABLE} or {file: /path}.' },
    ]);
    expect(errors(remote.replace('https://archive', 'http://archive').replace('{generate: true}', '{env: K}'))).toEqual([
      { path: 'storage.url', line: 8, severity: 'error', message: 'is "http://archive.example.org/b", which is not an https:// URL', fix: 'For example: https://archive.example.org/beacon.' },
    ]);
  });

  it('parses every secret source it is given', () => {
    const text = `${MINIMAL}storage:\n  mode: remote\n  url: https://archive.example.org/b\n  key: {file: ./archive.key}\nsecrets:\n  token: {env: BEACON_TOKEN}\n  vault_key: {keychain: fieldstation/beacon-vault}\n`;
    const r = check(text);
    expect(r.problems).toEqual([]);
    expect(r.secretSources).toEqual({
      'storage.key': { kind: 'file', path: './archive.key' },
      'secrets.token': { kind: 'env', name: 'BEACON_TOKEN' },
      'secrets.vault_key': { kind: 'keychain', service: 'fieldstation', account: 'beacon-vault' },
    });
    expect(r.answers).toMatchObject({ 'storage.mode': 'remote', 'storage.url': 'https://archive.example.org/b' });
  });

  it('takes a literal secret with a warning whose advice fits the secret', () => {
    const text = `${MINIMAL}storage:\n  mode: remote\n  url: https://archive.example.org/b\n  key: archive-key-0001\nsecrets:\n  token: a-literal-upload-token\n`;
    const r = check(text);
    expect(r.secretSources).toMatchObject({ 'storage.key': { kind: 'literal', value: 'archive-key-0001' }, 'secrets.token': { kind: 'literal', value: 'a-literal-upload-token' } });
    expect(r.problems).toEqual([
      { path: 'storage.key', line: 9, severity: 'warning', code: 'literal-secret', message: 'is a literal secret: anyone who can read the answers file can read it', fix: 'Prefer {env: VARIABLE} or {file: /path}.' },
      { path: 'secrets.token', line: 11, severity: 'warning', code: 'literal-secret', message: 'is a literal secret: anyone who can read the answers file can read it', fix: 'Prefer {generate: true}, {env: VARIABLE} or {file: /path}.' },
    ]);
  });

  it('refuses a value that one of its formats cannot carry', () => {
    expect(errors(`${MINIMAL}data_root: "/srv/it's"\n`)).toEqual([
      { path: 'data_root', line: 6, severity: 'error', message: 'contains a single quote (\'), which env files cannot carry the same way for dotenv and Docker Compose', fix: 'Give an absolute path such as /srv/beacon.' },
    ]);
    const url = errors(`${MINIMAL}storage:\n  mode: remote\n  url: "https://a.example.org/\${X}"\n  key: {env: K}\n`);
    expect(url.map((p) => [p.path, p.message])).toEqual([['storage.url', 'contains "${", which Docker Compose expands as a variable']]);
  });

  it('asks for quotes when a number or a boolean stands where text is expected', () => {
    expect(errors(MINIMAL.replace('name: north-ridge', 'name: 123'))[0]).toMatchObject({ path: 'site.name', message: 'is number 123; text is expected (put it in quotes)' });
    expect(errors(MINIMAL.replace('name: north-ridge', 'name: true'))[0]).toMatchObject({ path: 'site.name', message: 'is boolean true; text is expected (put it in quotes)' });
  });

  it('adds the stack\'s own cross-checks once every answer passed on its own', () => {
    expect(warnings(`${MINIMAL}alerts: true\n`)).toEqual([
      { path: 'alerts', severity: 'warning', message: 'is on, but alerts need the remote archive to send mail', fix: 'Use storage.mode: remote, or alerts: false.' },
    ]);
    // With an error left, the cross-check waits.
    expect(warnings(`${MINIMAL}alerts: true\nsensors: 0\n`)).toEqual([]);
  });
});
