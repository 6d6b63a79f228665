import { describe, expect, it } from 'vitest';
import { describe as describeValue } from '../../../src/core/questions/kind.js';
import { kindOf } from '../../../src/core/questions/kinds/index.js';
import { secretDefaultText } from '../../../src/core/questions/kinds/secret.js';
import type { DeviceQuestion, EmailQuestion, Question } from '../../../src/core/questions/types.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { questionOf, secretQuestion } from './beacon.js';

/**
 * Every kind of question through its one definition (kindOf): Beacon's questions for the kinds it asks,
 * and an e-mail and a device question of their own for the two it does not.
 */
const base = { section: 'Test', prompt: 'Test?', help: 'A test question.', formats: [] };
const email: EmailQuestion = { ...base, id: 'contact', kind: 'email' };
const device: DeviceQuestion = { ...base, id: 'disk', kind: 'device', example: '/dev/vdb' };

const text = questionOf('site.name', 'text');
const domain = questionOf('site.domain', 'domain');
const path = questionOf('data_root', 'path');
const integer = questionOf('sensors', 'integer');
const choice = questionOf('storage.mode', 'choice');
const boolean = questionOf('alerts', 'boolean');
const secret = secretQuestion('secrets.token');

/** Rows with the kind's name first and the question last, for readable test names. */
const named = <R extends readonly unknown[]>(rows: readonly (readonly [Question, ...R])[]) => rows.map(([q, ...rest]) => [q.kind, ...rest, q] as [string, ...R, Question]);

const KINDS: readonly [Question, string, string, string, Record<string, unknown>, string | undefined][] = [
  // question, field, label, expected, schema, hint
  [text, 'text', 'text', 'For example: north-ridge.', { type: 'string', minLength: 1, pattern: '^[a-z][a-z0-9-]{1,30}$' }, undefined],
  [domain, 'text', 'domain', 'Give a host name such as beacon.example.org (lower case, no "https://").', { type: 'string', format: 'hostname' }, undefined],
  [email, 'text', 'email', 'Give an e-mail address such as admin@example.org.', { type: 'string', format: 'email' }, undefined],
  [path, 'text', 'path', 'Give an absolute path such as /srv/beacon.', { type: 'string', pattern: '^/' }, undefined],
  [device, 'device', 'device', 'Give a block device such as /dev/vdb.', { type: 'string', pattern: '^/dev/' }, undefined],
  [integer, 'text', 'integer 1-500', 'Give a whole number from 1 to 500, e.g. 8.', { type: 'integer', minimum: 1, maximum: 500 }, '1-500'],
  [choice, 'choice', 'one of local, remote', 'Give one of: local, remote.', { type: 'string', enum: ['local', 'remote'] }, undefined],
  [boolean, 'boolean', 'boolean', 'Give true or false.', { type: 'boolean' }, 'yes/no'],
  [secret, 'secret', 'secret, min 16 chars', 'Give it as {generate: true}, {env: VARIABLE}, {file: /path/to/file}, {keychain: service/account}, or a literal string.', expect.objectContaining({ oneOf: expect.any(Array) }), undefined],
];

describe('kindOf', () => {
  it('knows every kind, and each question gets its own kind\'s definition', () => {
    expect(KINDS.map(([q]) => q.kind)).toEqual(['text', 'domain', 'email', 'path', 'device', 'integer', 'choice', 'boolean', 'secret']);
    for (const q of [...beacon.questions, email, device]) expect(kindOf(q).kind, q.id).toBe(q.kind);
  });

  it.each(named(KINDS))('describes a %s question: field, label, expected answer, schema and hint', (_kind, field, label, expected, schema, hint, q) => {
    const k = kindOf(q);
    expect(k.field).toBe(field);
    expect(k.label(q)).toBe(label);
    expect(k.expected(q)).toBe(expected);
    expect(k.schema(q)).toEqual(schema);
    expect(k.hint?.(q)).toBe(hint);
  });

  it('falls back to a generic example when the question has none', () => {
    const bare = <Q extends Question>(q: Q): Q => ({ ...q, example: undefined });
    expect(kindOf(text).expected(bare(text))).toBe('Give some text.');
    expect(kindOf(domain).expected(bare(domain))).toBe('Give a host name such as example.org (lower case, no "https://").');
    expect(kindOf(path).expected(bare(path))).toBe('Give an absolute path such as /opt/data.');
    expect(kindOf(device).expected(bare(device))).toBe('Give a block device such as /dev/sdb.');
    expect(kindOf(integer).expected(bare(integer))).toBe('Give a whole number from 1 to 500.');
  });
});

describe('parse: typed text as the kind\'s value', () => {
  it.each(named<[string, unknown]>([
    [text, ' Any Text ', { value: ' Any Text ' }],
    [domain, 'Not Checked Here', { value: 'Not Checked Here' }],
    [email, 'a@example.org', { value: 'a@example.org' }],
    [path, 'relative', { value: 'relative' }],
    [device, '/dev/vdb', { value: '/dev/vdb' }],
    [choice, 'remot', { value: 'remot' }],
    [secret, ' spaced secret ', { value: ' spaced secret ' }],
    [integer, '12', { value: 12 }],
    [integer, ' 12 ', { value: 12 }],
    [integer, '-3', { value: -3 }],
    [integer, '007', { value: 7 }],
    // A typing mistake says what to type: the range, in digits.
    [integer, '1.5', { error: '"1.5" is not a whole number: type one from 1 to 500, in digits' }],
    [integer, '1e3', { error: '"1e3" is not a whole number: type one from 1 to 500, in digits' }],
    [integer, 'ten', { error: '"ten" is not a whole number: type one from 1 to 500, in digits' }],
    [integer, '  ', { error: 'Nothing was typed: type one from 1 to 500, in digits' }],
    [boolean, 'y', { value: true }],
    [boolean, ' YES ', { value: true }],
    [boolean, 'True', { value: true }],
    [boolean, 'n', { value: false }],
    [boolean, 'No', { value: false }],
    [boolean, 'false', { value: false }],
    [boolean, 'Y', { value: true }],
    [boolean, 'yEs', { value: true }],
    [boolean, 'N', { value: false }],
    [boolean, 'NO', { value: false }],
    [boolean, 'maybe', { error: '"maybe" is not yes or no: type y or yes, n or no' }],
    [boolean, 'yess', { error: '"yess" is not yes or no: type y or yes, n or no' }],
    [boolean, '', { error: 'Nothing was typed: type y or yes, n or no' }],
  ]))('%s reads %j', (_kind, typed, parsed, q) => {
    expect(kindOf(q).parse(typed, q)).toEqual(parsed);
  });
});

describe('check: a value from an answers file', () => {
  it.each(named<[unknown, string | undefined]>([
    [text, 'north-ridge', undefined],
    [text, '', 'is empty; it needs some text, e.g. north-ridge'],
    [{ ...text, example: undefined }, '', 'is empty; it needs some text'],
    [text, 'North Ridge', 'is "North Ridge", which is not 2-31 lower-case letters, digits or hyphens, starting with a letter'],
    [text, 5, 'is number 5; text is expected (put it in quotes)'],
    [text, false, 'is boolean false; text is expected (put it in quotes)'],
    [text, null, 'is null; text is expected'],
    [text, ['a'], 'is a list; text is expected'],
    [text, { a: 1 }, 'is a mapping; text is expected'],
    [{ ...text, maxLength: 5 }, 'abcdef', 'is too long: it may have at most 5 characters and has 6'],
    [{ ...text, patternText: undefined }, 'X', 'is "X", which does not match /^[a-z][a-z0-9-]{1,30}$/'],
    [domain, 'beacon.example.org', undefined],
    [domain, 'Beacon.example.org', 'has capital letters; type it in lower case, as DNS names are written here'],
    [domain, 'https://beacon.example.org', 'is a URL; type only the host name, without "https://"'],
    [domain, 3, 'is number 3; text is expected (put it in quotes)'],
    [email, 'admin@example.org', undefined],
    [email, 'admin', 'is not an e-mail address (no "name@" part); type one such as admin@example.org'],
    [email, 'ad,min@example.org', 'has "," before the "@", where only letters, digits and . _ + - (or !#$%&\'*/=?^`{|}~) are allowed'],
    [email, 'admin@localhost', 'has a domain part that is not a fully qualified name (it needs at least one dot, e.g. example.org)'],
    [path, '/srv/beacon', undefined],
    [path, 'srv/beacon', 'is not an absolute path (it must start with "/", e.g. /opt/data)'],
    [path, '/srv/../etc', 'contains ".."; give the path without it'],
    [device, '/dev/vdb', undefined],
    [device, '/tmp/vdb', 'is not a device path (it must start with /dev/, e.g. /dev/sdb)'],
    [device, 'vdb', 'is not an absolute path (it must start with "/", e.g. /opt/data)'],
    [integer, 8, undefined],
    [integer, 1, undefined],
    [integer, 500, undefined],
    [integer, 0, 'is 0, but it must be a whole number from 1 to 500'],
    [integer, 501, 'is 501, but it must be a whole number from 1 to 500'],
    [integer, 1.5, 'is number 1.5, not a whole number: it must be one from 1 to 500'],
    [integer, '8', 'is "8", not a whole number: it must be one from 1 to 500'],
    [integer, null, 'is null, not a whole number: it must be one from 1 to 500'],
    [choice, 'local', undefined],
    [choice, 'remote', undefined],
    [choice, 'remot', 'is "remot", not one of the choices: it must be one of local, remote (did you mean "remote"?)'],
    [choice, 'archive-everything', 'is "archive-everything", not one of the choices: it must be one of local, remote'],
    [choice, 1, 'is number 1; text is expected (put it in quotes)'],
    [boolean, true, undefined],
    [boolean, false, undefined],
    [boolean, 'true', 'is "true", not true or false: write true or false'],
    [boolean, 1, 'is number 1, not true or false: write true or false'],
    [secret, 'a'.repeat(16), undefined],
    // The rule, then how far off: the length is said, never the value.
    [secret, 'short', 'is too short: it needs at least 16 characters and has 5'],
    [secret, 16, 'is number 16; text is expected (put it in quotes)'],
    [{ ...secret, secret: { ...secret.secret, maxLength: 20 } }, 'a'.repeat(21), 'is too long: it may have at most 20 characters and has 21'],
    [{ ...secret, secret: { ...secret.secret, maxLength: 20 } }, 'a'.repeat(20), undefined],
  ]))('%s judges %j', (_kind, raw, problem, q) => {
    expect(kindOf(q).check(raw, q)).toBe(problem);
  });

  it('shortens a long value in its message', () => {
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(kindOf(choice).check('y'.repeat(50), choice)).toBe(`is "${'y'.repeat(40)}…", not one of the choices: it must be one of local, remote`);
  });
});

describe('the secret kind', () => {
  it('offers {generate: true} in its schema only when the secret can be generated', () => {
    const forms = (id: string) => (kindOf(secretQuestion(id)).schema(secretQuestion(id))['oneOf'] as { description: string }[]).map((f) => f.description.split(' ')[0]);
    expect(forms('secrets.token')).toEqual(['A', 'Read', 'Read', 'Read', 'Generate']);
    expect(forms('storage.key')).toEqual(['A', 'Read', 'Read', 'Read']);
    const literal = (kindOf(secret).schema(secret)['oneOf'] as Record<string, unknown>[])[0];
    expect(literal).toMatchObject({ type: 'string', minLength: 16 });
  });

  it('says in the reference how it is generated, or that it is required', () => {
    expect(secretDefaultText(secretQuestion('secrets.token'))).toBe('generated (24 chars, 142 bits)');
    expect(secretDefaultText(secretQuestion('secrets.vault_key'))).toBe('generated (40 chars, 240 bits)');
    expect(secretDefaultText(secretQuestion('storage.key'))).toBe('required');
    expect(secretDefaultText({ ...secret, secret: { ...secret.secret, generateWhen: 'when storage.mode is local' } })).toBe('required; generated when storage.mode is local');
  });
});
