import { describe, expect, it } from 'vitest';
import { failingParts, failureLines, partNames } from '../../../src/io/executors/json-parts.js';
import { describeJsonExpectation, expectedWords, type JsonExpectation } from '../../../src/kit/steps/json-expectation.js';

const part = (e: Omit<JsonExpectation, 'part' | 'fix'> & Partial<Pick<JsonExpectation, 'part' | 'fix'>>): JsonExpectation =>
  ({ part: 'the part', fix: 'do the thing', ...e }) as JsonExpectation;

/** What each expectation found in `value`, or 'ok'. */
function found(value: unknown, ...expectations: JsonExpectation[]): string[] {
  const failures = failingParts(value, expectations);
  return expectations.map((e) => failures.find((f) => f.expectation === e)?.found ?? 'ok');
}

describe('an expectation in words', () => {
  it.each<[JsonExpectation, string]>([
    [part({ path: 'a', equals: '3be4004781bc' }), '"3be4004781bc"'],
    [part({ path: 'a', equals: true }), 'true'],
    [part({ path: 'a', equals: null }), 'null'],
    [part({ path: 'a', equals: 0 }), '0'],
    [part({ path: 'a', isNumber: true }), 'a number'],
    [part({ path: 'a', atLeast: 0 }), 'a number of at least 0'],
    [part({ path: 'a', atMost: 90 }), 'a number of at most 90'],
    [part({ path: 'a', atLeast: -90, atMost: 90 }), 'a number from -90 to 90'],
    [part({ path: 'a' }), 'present'],
  ])('%j is %s', (e, words) => expect(expectedWords(e)).toBe(words));

  it('names the part, the path and the test for the plan', () => {
    expect(describeJsonExpectation({ path: 'database.alembic_version', equals: '3be4004781bc', part: 'the database schema', fix: 'migrate' }))
      .toBe('the database schema: database.alembic_version must be "3be4004781bc"');
  });
});

describe('judging a JSON answer part by part', () => {
  const heartbeat = { database: { up: true, time: 2, alembic_version: '3be4004781bc' }, geoip: { up: true, time: 0, age_in_days: 4 }, redis: { up: true, time: 1 } };

  it('passes every part of a healthy answer', () => {
    expect(failingParts(heartbeat, [
      part({ path: 'database.up', equals: true }),
      part({ path: 'database.alembic_version', equals: '3be4004781bc' }),
      part({ path: 'geoip.age_in_days', atLeast: 0 }),
      part({ path: 'redis.time', isNumber: true }),
      part({ path: 'redis' }),
    ])).toEqual([]);
  });

  it('says what was found: numbers, true, false and null as they are, a text only as a text', () => {
    const value = { up: false, raised: null, age: -1, version: '1bdf1028a085', token: 'tok-never-shown', list: [1], object: {} };
    const result = found(value,
      part({ path: 'up', equals: true }),
      part({ path: 'raised', equals: true }),
      part({ path: 'age', atLeast: 0 }),
      part({ path: 'version', equals: '3be4004781bc' }),
      part({ path: 'token', isNumber: true }),
      part({ path: 'list', equals: 1 }),
      part({ path: 'object', atMost: 1 }),
      part({ path: 'absent' }),
    );
    expect(result).toEqual(['is false', 'is null', 'is -1', 'is another text', 'is a text', 'is a list', 'is an object', 'is missing']);
    expect(result.join(' ')).not.toMatch(/1bdf1028a085|tok-never-shown/);
  });

  it('follows dotted paths through objects and lists, and says missing wherever the path breaks', () => {
    const value = { location: { lat: 51.5, lng: -0.09 }, items: [{ id: 7 }], text: 'abc', nothing: null };
    expect(found(value,
      part({ path: 'location.lat', atLeast: -90, atMost: 90 }),
      part({ path: 'items.0.id', equals: 7 }),
      part({ path: 'items.1.id', equals: 7 }),
      part({ path: 'items.x', equals: 7 }),
      part({ path: 'text.length', equals: 3 }),
      part({ path: 'nothing.up', equals: true }),
      part({ path: 'location.toString' }),
      part({ path: 'location.lat.', isNumber: true }),
    )).toEqual(['ok', 'ok', 'is missing', 'is missing', 'is missing', 'is missing', 'is missing', 'is missing']);
  });

  it('keeps bounds: a number outside them fails, the bounds themselves pass', () => {
    expect(found({ a: -90, b: 90.5, c: 0 }, part({ path: 'a', atLeast: -90, atMost: 90 }), part({ path: 'b', atLeast: -90, atMost: 90 }), part({ path: 'c', atLeast: 0 })))
      .toEqual(['ok', 'is 90.5', 'ok']);
  });

  it('compares equals strictly: "true" is not true, 0 is not false', () => {
    expect(found({ a: 'true', b: 0 }, part({ path: 'a', equals: true }), part({ path: 'b', equals: false }))).toEqual(['is a text', 'is 0']);
  });

  it('writes a failure as one line with its part, what was found, what was expected and the fix', () => {
    const failures = failingParts({ database: { up: false } }, [part({ path: 'database.up', equals: true, part: 'the database', fix: 'start MySQL: `docker compose up -d mysql`' })]);
    expect(failureLines(failures)).toEqual(['the database: database.up is false, expected true. Fix: start MySQL: `docker compose up -d mysql`']);
  });

  it('writes one line per part, its fix once, however many of its tests fail; another fix is another line', () => {
    const geoip = { part: 'the GeoIP database', fix: 'put GeoLite2-City.mmdb in place' };
    const failures = failingParts({ geoip: { up: false, age_in_days: -1 }, redis: { up: null } }, [
      part({ path: 'geoip.up', equals: true, ...geoip }),
      part({ path: 'redis.up', equals: true, part: 'Redis', fix: 'start Redis' }),
      part({ path: 'geoip.age_in_days', atLeast: 0, ...geoip }),
      part({ path: 'geoip.version', ...geoip, fix: 'update the GeoIP database' }),
    ]);
    expect(failureLines(failures)).toEqual([
      'the GeoIP database: geoip.up is false, expected true; geoip.age_in_days is -1, expected a number of at least 0. Fix: put GeoLite2-City.mmdb in place',
      'Redis: redis.up is null, expected true. Fix: start Redis',
      'the GeoIP database: geoip.version is missing, expected present. Fix: update the GeoIP database',
    ]);
  });

  it('does not report a part while the part it needs fails, and reports it once that one holds', () => {
    const expectations = [
      part({ path: 'database.up', equals: true, part: 'the database' }),
      part({ path: 'database.alembic_version', equals: '3be4004781bc', part: 'the database schema', needs: 'database.up' }),
    ];
    expect(failingParts({ database: { up: false, alembic_version: 'unknown' } }, expectations).map((f) => f.expectation.part)).toEqual(['the database']);
    expect(failingParts({ database: { up: true, alembic_version: 'a0ee5e10f44b' } }, expectations).map((f) => f.expectation.part)).toEqual(['the database schema']);
    expect(describeJsonExpectation(expectations[1]!)).toBe('the database schema: database.alembic_version must be "3be4004781bc" (judged once database.up is as expected)');
  });

  it('names each part once, in order', () => {
    expect(partNames([part({ path: 'a', part: 'the location' }), part({ path: 'b', part: 'the accuracy' }), part({ path: 'c', part: 'the location' })])).toBe('the location, the accuracy');
  });
});
