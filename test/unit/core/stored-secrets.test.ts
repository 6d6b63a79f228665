import { describe, expect, it } from 'vitest';
import { readStoredSecrets, secretFiles, storedSecrets } from '../../../src/core/secrets/stored.js';
import type { Stack } from '../../../src/core/stack.js';
import { fixedFormat } from '../../../src/kit/formats/fixed.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';

/** What Beacon's two files might hold: beacon.conf in Beacon's own format, .env for dotenv. */
const CONF = '# Beacon settings, written by fieldstation.\nsite = "north-ridge"\ndomain = "beacon.example.org"\ntoken = "tok\\"en\\\\-with-quote-0001"\n';
const ENV = "# Beacon\nDOMAIN='beacon.example.org'\nARCHIVE_KEY='archive-key-$HOME-#1'\nVAULT_KEY='vault-key-0123456789-0123456789-abcdef'\n";

/** Reads from the given texts by file name, recording which files were asked for. */
function filesOf(texts: Record<string, string | undefined>) {
  const asked: string[] = [];
  return { asked, contentOf: (file: string) => (asked.push(file), texts[file]) };
}

describe('the secrets a stack stores', () => {
  it('are the secret questions with storedIn, and their files', () => {
    expect(storedSecrets(beacon).map((q) => [q.id, q.secret.storedIn])).toEqual([
      ['storage.key', { file: '.env', key: 'ARCHIVE_KEY' }],
      ['secrets.token', { file: 'beacon.conf', key: 'token' }],
      ['secrets.vault_key', { file: '.env', key: 'VAULT_KEY' }],
    ]);
    expect(secretFiles(beacon)).toEqual(['.env', 'beacon.conf']);
  });
});

describe('readStoredSecrets on Beacon', () => {
  it('reads each value back through its own file\'s format, reading each file once', () => {
    const files = filesOf({ 'beacon.conf': CONF, '.env': ENV });
    expect(readStoredSecrets(beacon, files.contentOf)).toEqual({
      // beacon.conf unescapes \" and \\; dotenv takes single-quoted text as it stands.
      'secrets.token': 'tok"en\\-with-quote-0001',
      'storage.key': 'archive-key-$HOME-#1',
      'secrets.vault_key': 'vault-key-0123456789-0123456789-abcdef',
    });
    expect(files.asked).toEqual(['.env', 'beacon.conf']);
  });

  it('gives nothing for files that are not there', () => {
    expect(readStoredSecrets(beacon, () => undefined)).toEqual({});
    expect(readStoredSecrets(beacon, filesOf({ 'beacon.conf': CONF }).contentOf)).toEqual({ 'secrets.token': 'tok"en\\-with-quote-0001' });
    expect(readStoredSecrets(beacon, filesOf({ '.env': ENV }).contentOf)).toEqual({ 'storage.key': 'archive-key-$HOME-#1', 'secrets.vault_key': 'vault-key-0123456789-0123456789-abcdef' });
  });

  it('leaves out a key that is absent, empty or cannot be read', () => {
    const conf = '# a token line Beacon\'s reader does not take\ntoken = unquoted-token-value\n';
    const env = "ARCHIVE_KEY=''\nOTHER='x'\n";
    expect(readStoredSecrets(beacon, filesOf({ 'beacon.conf': conf, '.env': env }).contentOf)).toEqual({});
    expect(readStoredSecrets(beacon, filesOf({ 'beacon.conf': '', '.env': '' }).contentOf)).toEqual({});
  });

  it('reads a file written by hand the way its reader does: the last line of a key wins', () => {
    const env = "VAULT_KEY='first-vault-key-0123456789-0123456789'\nVAULT_KEY='second-vault-key-0123456789-012345678'\n";
    expect(readStoredSecrets(beacon, filesOf({ '.env': env }).contentOf)).toEqual({ 'secrets.vault_key': 'second-vault-key-0123456789-012345678' });
  });

  it('refuses a stack whose secret is stored in a file it does not write, or cannot read back', () => {
    const token = beacon.questions.find((q) => q.id === 'secrets.token')!;
    if (token.kind !== 'secret') throw new Error('token is a secret');
    const elsewhere: Stack = { ...beacon, questions: [{ ...token, secret: { ...token.secret, storedIn: { file: 'nope.conf', key: 'token' } } }] };
    expect(() => readStoredSecrets(elsewhere, () => undefined)).toThrow('secret secrets.token is stored in nope.conf, which is not one of beacon\'s files');
    const unreadable: Stack = { ...beacon, files: beacon.files.map((f) => (f.path === 'beacon.conf' ? { ...f, format: fixedFormat } : f)) };
    expect(() => readStoredSecrets(unreadable, () => CONF)).toThrow('secret secrets.token is stored in beacon.conf, whose format (fixed) cannot read values back');
  });
});
