/**
 * The tests' MaxMind DB files read by libmaxminddb, the C library inside Ichnaea's image, through Debian's
 * mmdblookup (package mmdb-bin): it opens them (it checks the metadata's keys and their types, and that the
 * tree and data fit the file), finds London's record for 81.2.69.192 and nothing outside the network. So
 * what the GeoIP tests accept or refuse is a file of the real format. A missing mmdblookup fails the test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/cli.js';
import { cityDatabase, countryDatabase } from '../../../helpers/mmdb.js';
import { findBinary } from '../../../helpers/services.js';

const EPOCH = 1_763_900_000;

function file(bytes: Buffer): string {
  const path = join(tempDir(), 'test.mmdb');
  writeFileSync(path, bytes);
  return path;
}

const lookup = (path: string, ip: string, ...keys: string[]) => spawnSync(findBinary('mmdblookup'), ['--file', path, '--ip', ip, ...keys], { encoding: 'utf8' });

describe('the tests\' MaxMind DB writer, read with libmaxminddb (mmdblookup)', () => {
  it.each([6, 4] as const)('a City database (IPv%i tree) opens, with its metadata, and holds London for 81.2.69.192', (ipVersion) => {
    const path = file(cityDatabase({ buildEpoch: EPOCH, ipVersion }));
    const verbose = execFileSync(findBinary('mmdblookup'), ['--file', path, '--ip', '81.2.69.192', '--verbose'], { encoding: 'utf8' });
    expect(verbose).toMatch(/Record size: +24 bits/);
    expect(verbose).toMatch(new RegExp(`IP version: +IPv${ipVersion}`));
    expect(verbose).toMatch(/Binary format: +2\.0/);
    expect(verbose).toMatch(new RegExp(`Build epoch: +${EPOCH} `));
    expect(verbose).toMatch(/Type: +GeoLite2-City/);
    expect(verbose).toMatch(/Languages: +de en fr/);
    expect(lookup(path, '81.2.69.192', 'city', 'names', 'en').stdout.trim()).toBe('"London" <utf8_string>');
    expect(lookup(path, '81.2.69.200', 'location', 'latitude').stdout.trim()).toBe('51.514200 <double>');
    expect(lookup(path, '81.2.69.207', 'location', 'longitude').stdout.trim()).toBe('-0.093100 <double>');
    expect(lookup(path, '81.2.69.192', 'location', 'accuracy_radius').stdout.trim()).toBe('10 <uint16>');
    expect(lookup(path, '81.2.69.192', 'country', 'iso_code').stdout.trim()).toBe('"GB" <utf8_string>');
    const outside = lookup(path, '81.2.69.208');
    expect(outside.stdout + outside.stderr).toMatch(/Could not find an entry for this IP address \(81\.2\.69\.208\)/);
  });

  it('a Country database opens as GeoLite2-Country', () => {
    const path = file(countryDatabase({ buildEpoch: EPOCH }));
    const verbose = execFileSync(findBinary('mmdblookup'), ['--file', path, '--ip', '81.2.69.192', '--verbose'], { encoding: 'utf8' });
    expect(verbose).toMatch(/Type: +GeoLite2-Country/);
    expect(lookup(path, '81.2.69.192', 'country', 'iso_code').stdout.trim()).toBe('"GB" <utf8_string>');
  });
});
