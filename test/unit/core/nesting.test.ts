import { describe, expect, it } from 'vitest';
import { flatten, getIn, nest } from '../../../src/core/answers/nesting.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';

const IDS = beacon.questions.map((q) => q.id);

/** Beacon's remote answers, nested as in an answers file. */
const NESTED = {
  site: { name: 'south-col', domain: 'south.example.org' },
  data_root: '/srv/beacon-south',
  sensors: 12,
  storage: { mode: 'remote', url: 'https://archive.example.org/beacon', key: { env: 'BEACON_ARCHIVE_KEY' } },
  alerts: false,
  secrets: { token: { generate: true }, vault_key: { file: './vault.key' } },
};

/** The same, flat by question id. */
const FLAT = {
  'site.name': 'south-col',
  'site.domain': 'south.example.org',
  data_root: '/srv/beacon-south',
  sensors: 12,
  'storage.mode': 'remote',
  'storage.url': 'https://archive.example.org/beacon',
  'storage.key': { env: 'BEACON_ARCHIVE_KEY' },
  alerts: false,
  'secrets.token': { generate: true },
  'secrets.vault_key': { file: './vault.key' },
};

describe('getIn', () => {
  it.each<[unknown, string[], unknown]>([
    [NESTED, ['site', 'name'], 'south-col'],
    [NESTED, ['storage', 'key'], { env: 'BEACON_ARCHIVE_KEY' }],
    [NESTED, ['storage', 'key', 'env'], 'BEACON_ARCHIVE_KEY'],
    [NESTED, ['alerts'], false],
    [NESTED, [], NESTED],
    [NESTED, ['site', 'nothing'], undefined],
    [NESTED, ['nothing', 'name'], undefined],
    // Through a value that is not a mapping: nothing, never a property of a string or a list.
    [NESTED, ['site', 'name', 'length'], undefined],
    [{ list: [{ a: 1 }] }, ['list', '0', 'a'], undefined],
    [{ a: null }, ['a', 'b'], undefined],
    [null, ['a'], undefined],
    ['text', ['length'], undefined],
  ])('in %j at %j finds %j', (data, path, found) => {
    expect(getIn(data, path)).toEqual(found);
  });
});

describe('nest', () => {
  it('nests flat answers by their dotted ids, leaving undefined ones out', () => {
    expect(nest({ ...FLAT, 'storage.url': undefined })).toEqual({ ...NESTED, storage: { mode: 'remote', key: { env: 'BEACON_ARCHIVE_KEY' } } });
  });

  it('adds to the data it is given and returns it', () => {
    const into: Record<string, unknown> = { version: 1, stack: 'beacon' };
    const out = nest({ 'site.name': 'x', alerts: true }, into);
    expect(out).toBe(into);
    expect(out).toEqual({ version: 1, stack: 'beacon', site: { name: 'x' }, alerts: true });
  });

  it('keeps the mapping it nests into and replaces what is not one', () => {
    expect(nest({ 'site.domain': 'b.example.org' }, { site: { name: 'a' } })).toEqual({ site: { name: 'a', domain: 'b.example.org' } });
    expect(nest({ 'site.name': 'a' }, { site: 'not a mapping' })).toEqual({ site: { name: 'a' } });
  });

  it('gives an empty mapping for no answers', () => {
    expect(nest({})).toEqual({});
  });
});

describe('flatten', () => {
  it('takes the values of the given ids, leaving out ids with nothing there', () => {
    expect(flatten(NESTED, IDS)).toEqual(FLAT);
    expect(flatten({ site: { name: 'x' } }, IDS)).toEqual({ 'site.name': 'x' });
    expect(flatten({ site: 'x' }, IDS)).toEqual({});
    expect(flatten(undefined, IDS)).toEqual({});
  });

  it('ignores keys that are not among the ids', () => {
    expect(flatten({ ...NESTED, version: 1, extra: { a: 1 } }, IDS)).toEqual(FLAT);
  });
});

describe('round trips', () => {
  it('flatten(nest(flat)) gives the flat answers back', () => {
    expect(flatten(nest(FLAT), IDS)).toEqual(FLAT);
    const local = { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', sensors: 8, 'storage.mode': 'local', alerts: true };
    expect(flatten(nest(local), IDS)).toEqual(local);
  });

  it('nest(flatten(data)) gives data made only of answers back', () => {
    expect(nest(flatten(NESTED, IDS))).toEqual(NESTED);
  });

  it('keeps every value as it is: falsy ones, and mappings that are values', () => {
    const odd = { sensors: 0, alerts: false, 'site.name': '', 'secrets.token': { generate: true } };
    expect(flatten(nest(odd), IDS)).toEqual(odd);
  });
});
