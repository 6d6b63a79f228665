/**
 * The tests' MaxMind DB writer (test/helpers/mmdb.ts) read back with mmdb-lib, the reader core of the npm
 * `maxmind` package: the City record is found for London's network and nothing outside it, in IPv6 and
 * IPv4 trees, and the metadata is what was written. libmaxminddb reads the same files in
 * test/integration/stacks/ichnaea/mmdb-writer.test.ts.
 */
import { Reader } from 'mmdb-lib';
import { describe, expect, it } from 'vitest';
import { cityDatabase, countryDatabase } from '../../../helpers/mmdb.js';

const EPOCH = 1_763_900_000;

describe('the tests\' MaxMind DB writer, read with mmdb-lib', () => {
  it.each([6, 4] as const)('a City database (IPv%i tree): London\'s record for 81.2.69.192/28 and nothing elsewhere', (ipVersion) => {
    const reader = new Reader(cityDatabase({ buildEpoch: EPOCH, ipVersion }));
    expect(reader.get('81.2.69.192')).toMatchObject({
      city: { geoname_id: 2643743, names: { en: 'London' } },
      location: { latitude: 51.5142, longitude: -0.0931, accuracy_radius: 10 },
      country: { iso_code: 'GB' },
    });
    expect(reader.getWithPrefixLength('81.2.69.207')[0]).toEqual(reader.get('81.2.69.192'));
    for (const outside of ['81.2.69.191', '81.2.69.208', '1.1.1.1', '255.255.255.255']) expect(reader.get(outside), outside).toBeNull();
    expect(reader.metadata).toMatchObject({ databaseType: 'GeoLite2-City', ipVersion, recordSize: 24, binaryFormatMajorVersion: 2, languages: ['de', 'en', 'fr'], buildEpoch: new Date(EPOCH * 1000) });
  });

  it('a Country database: its type, and a record without a city', () => {
    const reader = new Reader(countryDatabase({ buildEpoch: EPOCH }));
    expect(reader.metadata.databaseType).toBe('GeoLite2-Country');
    const record = reader.get('81.2.69.200') as Record<string, unknown>;
    expect(record).toMatchObject({ country: { iso_code: 'GB' } });
    expect(record['city']).toBeUndefined();
  });
});
