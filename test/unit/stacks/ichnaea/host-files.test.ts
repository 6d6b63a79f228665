/**
 * Ichnaea's host-file rule for geoip.path: it asks the app for the database's last 128 KiB only (where its
 * metadata is), and turns the verdict into problems of geoip.path: errors for a database Ichnaea would
 * refuse, a warning for an old one. What the app does with an unreadable file is tested in
 * test/integration/stacks/ichnaea/geoip-host-file.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { GEOIP_METADATA_BYTES } from '../../../../src/stacks/ichnaea/geoip.js';
import { hostFiles } from '../../../../src/stacks/ichnaea/host-files.js';
import { cityDatabase, countryDatabase, epochDaysBefore } from '../../../helpers/mmdb.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const PATH = '/opt/geoip/GeoLite2-City.mmdb';
const answers = { 'geoip.path': PATH };
const check = (bytes: Uint8Array | undefined) => hostFiles.check(answers, new Map([[PATH, bytes]]), NOW);

describe('Ichnaea hostFiles (geoip.path)', () => {
  it('asks for the tail where the metadata is, and for nothing without an answer', () => {
    expect(hostFiles.paths(answers)).toEqual([{ id: 'geoip.path', path: PATH, tailBytes: GEOIP_METADATA_BYTES, fix: expect.stringMatching(/^Download GeoLite2-City/u) }]);
    expect(hostFiles.paths({})).toEqual([]);
  });

  it('a fresh City database has no problem', async () => {
    expect(await check(cityDatabase({ buildEpoch: epochDaysBefore(NOW, 3) }))).toEqual([]);
  });

  it('a database Ichnaea would refuse is an error of geoip.path', async () => {
    const problems = await check(countryDatabase({ buildEpoch: epochDaysBefore(NOW, 3) }));
    expect(problems).toEqual([{ path: 'geoip.path', severity: 'error', message: expect.stringMatching(/^is a GeoLite2-Country database/), fix: expect.stringMatching(/GeoLite2-City/) }]);
  });

  it('an old database is a warning of geoip.path', async () => {
    const problems = await check(cityDatabase({ buildEpoch: epochDaysBefore(NOW, 40) }));
    expect(problems).toEqual([{ path: 'geoip.path', severity: 'warning', message: expect.stringMatching(/, 40 days ago: /), fix: expect.stringMatching(/^Download a fresh copy/) }]);
  });

  it('an unreadable file (already reported by the app) adds nothing', async () => {
    expect(await check(undefined)).toEqual([]);
  });
});
