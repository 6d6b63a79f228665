/**
 * Ichnaea's GeoIP database (geoip.path) checked at validation through the app and the real io: only the
 * file's last 128 KiB are read, so a database far over the 1 MiB limit for answered files passes when its
 * metadata says GeoLite2-City, and a Country database, an old one, a FIFO or a folder are reported on
 * geoip.path with its line, before anything is written. The rule runs in Beacon (test/fixtures/stacks/
 * beacon/geoip.ts) until the Ichnaea module is wired up; the file sits under FIELDSTATION_TEST_HOST_ROOT
 * at the documented /opt/geoip/GeoLite2-City.mmdb.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beaconGeoipEntry } from '../../../fixtures/stacks/beacon/geoip.js';
import { tempDir } from '../../../helpers/cli.js';
import { runInProcess } from '../../../helpers/in-process.js';
import { cityDatabase, countryDatabase, epochDaysBefore } from '../../../helpers/mmdb.js';

const GEOIP = '/opt/geoip/GeoLite2-City.mmdb';

/** An answers file for Beacon with a GeoIP database, in `dir`; geoip.path is on line 6. */
function answersFile(dir: string, geoipPath = GEOIP): string {
  const file = join(dir, 'beacon.yaml');
  writeFileSync(file, ['version: 1', 'stack: beacon', 'site:', '  name: north-ridge', '  domain: beacon.example.org', `geoip: {path: ${JSON.stringify(geoipPath)}}`, ''].join('\n'));
  return file;
}

/** A file of `size` bytes ending with `database`, as a real 60 MB database ends with its metadata. */
function place(host: string, database: Buffer, size = 3 * 1024 * 1024): void {
  mkdirSync(join(host, 'opt', 'geoip'), { recursive: true });
  writeFileSync(join(host, GEOIP), Buffer.concat([Buffer.alloc(size - database.length), database]));
}

const validate = (dir: string, host: string) => runInProcess(['validate', '--answers', answersFile(dir)], { cwd: dir, stacks: [beaconGeoipEntry], env: { PATH: process.env['PATH'], FIELDSTATION_TEST_HOST_ROOT: host } });
const problemLines = (stderr: string) => stderr.split('\n').filter((l) => /^ {2}(error|warning)/.test(l)).map((l) => l.trim());

describe('geoip.path at validation', () => {
  it('a 3 MiB GeoLite2-City database passes: only its tail is read', async () => {
    const dir = tempDir();
    place(dir, cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 3) }));
    const r = await validate(dir, dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a database that is not there is refused on geoip.path, saying where to get one', async () => {
    const dir = tempDir();
    const r = await validate(dir, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`geoip.path (line 6): points at ${GEOIP}, which does not exist`);
    expect(r.stderr).toMatch(/fix: Download GeoLite2-City .* from MaxMind/u);
  });

  it('a Country database is refused on geoip.path, naming its type', async () => {
    const dir = tempDir();
    place(dir, countryDatabase({ buildEpoch: epochDaysBefore(new Date(), 3) }));
    const r = await validate(dir, dir);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([expect.stringMatching(/^error +geoip\.path \(line 6\): is a GeoLite2-Country database, not a City one: /)]);
  });

  it('an old database is a warning, and the answers stay valid', async () => {
    const dir = tempDir();
    place(dir, cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 50) }));
    const r = await validate(dir, dir);
    expect(r.status).toBe(0);
    expect(problemLines(r.stderr)).toEqual([expect.stringMatching(/^warning +geoip\.path \(line 6\): was built on \d{4}-\d\d-\d\d, 50 days ago: /)]);
  });

  it('a FIFO and a folder are refused as before, without blocking', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'opt', 'geoip'), { recursive: true });
    execFileSync('mkfifo', [join(dir, GEOIP)]);
    const fifo = await validate(dir, dir);
    expect(fifo.status).toBe(2);
    expect(problemLines(fifo.stderr)).toEqual([`error   geoip.path (line 6): points at ${GEOIP}, which is not a regular file (a FIFO, a socket or a device)`]);

    const other = tempDir();
    mkdirSync(join(other, GEOIP), { recursive: true });
    const folder = await validate(other, other);
    expect(problemLines(folder.stderr)).toEqual([`error   geoip.path (line 6): points at ${GEOIP}, which is a folder, not a file`]);
  });
});
