/**
 * Ichnaea's GeoIP database, judged from its MaxMind DB metadata as Ichnaea's reader would: City databases
 * pass with their facts, anything Ichnaea would refuse (and then run without GeoIP) is refused with what to
 * download, whatever the bytes (never a throw), and an old build is a warning. The databases come from
 * test/helpers/mmdb.ts, whose files mmdb-lib and libmaxminddb read (test/integration/stacks/ichnaea).
 */
import { describe, expect, it } from 'vitest';
import { checkGeoipDatabase, GEOIP_MAX_AGE_DAYS, GEOIP_METADATA_BYTES, type GeoipVerdict } from '../../../../src/stacks/ichnaea/geoip.js';
import { cityDatabase, countryDatabase, epochDaysBefore, METADATA_MARKER, uint16 } from '../../../helpers/mmdb.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const city = (days = 4, options: Omit<Parameters<typeof cityDatabase>[0], 'buildEpoch'> = {}) => cityDatabase({ buildEpoch: epochDaysBefore(NOW, days), ...options });
/** Deterministic noise (xorshift32): the same "random" file on every run. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
const error = (v: GeoipVerdict) => (v.kind === 'refused' ? v.error : undefined);

describe('checkGeoipDatabase', () => {
  it('accepts a GeoLite2-City database and gives its facts', () => {
    const v = checkGeoipDatabase(city(4), NOW);
    expect(v).toEqual({
      kind: 'fresh',
      facts: { databaseType: 'GeoLite2-City', buildDate: new Date((epochDaysBefore(NOW, 4)) * 1000), ageDays: 4, ipVersion: 6, languages: ['de', 'en', 'fr'] },
    });
  });

  it('accepts GeoIP2-City (the commercial database) and IPv4-only databases', () => {
    const paid = checkGeoipDatabase(city(1, { databaseType: 'GeoIP2-City' }), NOW);
    expect(paid.kind === 'fresh' && paid.facts.databaseType).toBe('GeoIP2-City');
    const v4 = checkGeoipDatabase(city(1, { ipVersion: 4 }), NOW);
    expect(v4.kind === 'fresh' && v4.facts.ipVersion).toBe(4);
  });

  it('refuses a Country database, naming its type, what Ichnaea would do and where to get a City one', () => {
    const e = error(checkGeoipDatabase(countryDatabase({ buildEpoch: epochDaysBefore(NOW, 2) }), NOW));
    expect(e?.message).toMatch(/^is a GeoLite2-Country database, not a City one: Ichnaea accepts only GeoLite2-City or GeoIP2-City/);
    expect(e?.message).toMatch(/silently runs without GeoIP/);
    expect(e?.fix).toMatch(/GeoLite2-City/);
    expect(e?.fix).toMatch(/free account/);
    expect(e?.fix).toMatch(/geoipupdate/);
  });

  it('prints a type name from the file only as plain text', () => {
    const e = error(checkGeoipDatabase(city(1, { databaseType: '\u001b[31mEvil' }), NOW));
    expect(e?.message).toContain('is a "\\u001b[31mEvil" database');
    expect(e?.message).not.toContain('\u001b');
  });

  it('refuses bytes that are not a MaxMind DB: random, empty, a GeoIP Legacy .dat', () => {
    const random = noise(300_000);
    expect(error(checkGeoipDatabase(random, NOW))?.message).toMatch(/^is not a MaxMind DB \(\.mmdb\) file: .*\.tar\.gz/);
    expect(error(checkGeoipDatabase(random, NOW))?.fix).toMatch(/Unpack the download/);
    expect(error(checkGeoipDatabase(new Uint8Array(0), NOW))?.message).toBe('is empty, not a GeoIP database');
    const legacy = Buffer.concat([Buffer.alloc(1000, 7), Buffer.from([0xff, 0xff, 0xff, 2, 0, 0, 0])]);
    expect(error(checkGeoipDatabase(legacy, NOW))?.message).toMatch(/^is a GeoIP Legacy \(\.dat\) database/);
  });

  it('refuses a file cut anywhere, with a clear message and never a throw', () => {
    const whole = city(3);
    const metadataAt = whole.lastIndexOf(METADATA_MARKER) + METADATA_MARKER.length;
    let damaged = 0;
    for (let end = 1; end < whole.length; end++) {
      const e = error(checkGeoipDatabase(whole.subarray(0, end), NOW));
      // Cut before the metadata: no marker (a download cut short); inside it: metadata that cannot be read.
      if (end < metadataAt) expect(e?.message, `cut at ${end}`).toMatch(/^is not a MaxMind DB/);
      else {
        expect(e?.message, `cut at ${end}`).toMatch(/^is damaged: /);
        damaged++;
      }
    }
    expect(damaged).toBeGreaterThan(200);
  });

  it('refuses metadata without what libmaxminddb requires, or of another format version', () => {
    expect(error(checkGeoipDatabase(city(1, { metadata: { database_type: undefined } }), NOW))?.message).toMatch(/^is damaged: its MaxMind DB metadata has no database_type/);
    expect(error(checkGeoipDatabase(city(1, { metadata: { languages: undefined } }), NOW))?.message).toMatch(/no valid languages/);
    expect(error(checkGeoipDatabase(city(1, { metadata: { build_epoch: undefined } }), NOW))?.message).toMatch(/no valid build_epoch/);
    expect(error(checkGeoipDatabase(city(1, { metadata: { record_size: uint16(20) } }), NOW))?.message).toMatch(/^is damaged: its MaxMind DB metadata cannot be read/);
    expect(error(checkGeoipDatabase(city(1, { metadata: { binary_format_major_version: uint16(3) } }), NOW))?.message).toMatch(/format version 3, and Ichnaea's reader \(libmaxminddb\) reads version 2 only/);
  });

  it(`warns about a build older than ${GEOIP_MAX_AGE_DAYS} days, with its date and age`, () => {
    const old = checkGeoipDatabase(city(36), NOW);
    expect(old.kind).toBe('stale');
    if (old.kind !== 'stale') return;
    expect(old.facts.ageDays).toBe(36);
    expect(old.warning.message).toBe('was built on 2026-10-18, 36 days ago: IP addresses change hands, and MaxMind publishes new builds twice a week');
    expect(old.warning.fix).toMatch(/^Download a fresh copy .*stop Ichnaea's containers, swap the file in and start them again/);
    expect(checkGeoipDatabase(city(35), NOW).kind).toBe('fresh');
    expect(checkGeoipDatabase(city(34), NOW).kind).toBe('fresh');
  });

  it('works on the tail of a large file as on the whole file, and looks only where readers look', () => {
    const large = Buffer.concat([Buffer.alloc(8 * 1024 * 1024), city(2)]);
    const whole = checkGeoipDatabase(large, NOW);
    expect(whole.kind).toBe('fresh');
    expect(checkGeoipDatabase(large.subarray(large.length - GEOIP_METADATA_BYTES), NOW)).toEqual(whole);
    // Metadata followed by more than 128 KiB is not a MaxMind DB to libmaxminddb either.
    const buried = Buffer.concat([city(2), Buffer.alloc(GEOIP_METADATA_BYTES)]);
    expect(error(checkGeoipDatabase(buried, NOW))?.message).toMatch(/^is not a MaxMind DB/);
  });
});
