import type { Problem } from '../../core/errors.js';
import type { Answers } from '../../core/questions/types.js';
import type { HostFileRef, HostFileRules } from '../../core/stack.js';

/** The answer that names the GeoIP database on this machine (an absolute path, mounted for GEOIP_PATH). */
export const GEOIP_PATH_ID = 'geoip.path';

/**
 * How much of the database is read: its last 128 KiB, where the MaxMind DB format keeps the metadata
 * (GEOIP_METADATA_BYTES in ./geoip.ts, which is not imported here so that plan does not load mmdb-lib).
 * A GeoLite2-City file is about 60 MB; the rest is never read.
 */
export const GEOIP_TAIL_BYTES = 128 * 1024;

/** Where a GeoIP database comes from, for an answer that points at none (said without loading ./geoip.ts). */
const GET_GEOIP = 'Download GeoLite2-City (the .mmdb file) from MaxMind with a free account (https://www.maxmind.com/en/geolite2/signup), or let geoipupdate fetch it, then give its path; the user running fieldstation must be able to read it.';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The GeoIP database that GEOIP_PATH will name, read before anything is written: a database Ichnaea would
 * refuse (another type than City, not a MaxMind DB, damaged) is an error of geoip.path; an old one is a
 * warning.
 */
export const hostFiles: HostFileRules = {
  paths(answers: Answers): HostFileRef[] {
    const path = text(answers[GEOIP_PATH_ID]);
    return path === undefined ? [] : [{ id: GEOIP_PATH_ID, path, tailBytes: GEOIP_TAIL_BYTES, fix: GET_GEOIP }];
  },
  async check(answers, files, now): Promise<Problem[]> {
    const path = text(answers[GEOIP_PATH_ID]);
    const bytes = path === undefined ? undefined : files.get(path);
    // Unreadable: already reported by the app, naming geoip.path.
    if (bytes === undefined) return [];
    return geoipProblems(GEOIP_PATH_ID, bytes, now);
  },
};

/**
 * A GeoIP database's problems (its tail's bytes), each named by `path` (the answer, or geoip-swap's
 * --file): refused is an error, too old a warning. mmdb-lib loads here only, when there is a database to look at.
 */
export async function geoipProblems(path: string, bytes: Uint8Array, now: Date): Promise<Problem[]> {
  const { checkGeoipDatabase } = await import('./geoip.js');
  const verdict = checkGeoipDatabase(bytes, now);
  if (verdict.kind === 'refused') return [{ path, severity: 'error', message: verdict.error.message, fix: verdict.error.fix }];
  if (verdict.kind === 'stale') return [{ path, severity: 'warning', message: verdict.warning.message, fix: verdict.warning.fix }];
  return [];
}
