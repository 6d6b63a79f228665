// mmdb-lib's metadata module, not its Reader: the Reader walks the search tree as it loads, and a file's
// tail has none. (mmdb-lib has no "exports" map, so its lib/ files are its module paths; the unit tests
// fail if a new major moves this one.) Importing this module loads mmdb-lib: ./host-files.ts imports it
// only when there is a file to check.
import { isLegacyFormat, parseMetadata, type Metadata } from 'mmdb-lib/lib/metadata.js';

/**
 * The GeoIP database GEOIP_PATH names, judged from its MaxMind DB metadata before anything is written.
 * Ichnaea (ichnaea/geoip.py) opens it with MaxMind's C reader, libmaxminddb, and refuses any database whose
 * type is not a City one; it then starts anyway, without GeoIP: every lookup by IP address finds nothing
 * and /__heartbeat__ says geoip is down, with only an info line in its log ("Returning GeoIPNull") to tell
 * why. (The bundled test database is what it uses only when GEOIP_PATH is unset.) So a Country or ASN database,
 * a .tar.gz that was never unpacked or a cut download is refused here, where it can still be fixed.
 * Only the metadata is read (through mmdb-lib), so the file's tail suffices: see GEOIP_METADATA_BYTES.
 */

/** Older than this (in days) is worth a warning: MaxMind publishes a new GeoLite2-City twice a week. */
export const GEOIP_MAX_AGE_DAYS = 35;

/**
 * The MaxMind DB format keeps its metadata (marker included) in a file's last 128 KiB, and readers look
 * for it there only: what the host-file rule reads, and all that is looked at here.
 */
export const GEOIP_METADATA_BYTES = 128 * 1024;

/** The database types Ichnaea accepts (GeoIPWrapper in ichnaea/geoip.py). */
export const CITY_DATABASE_TYPES: readonly string[] = ['GeoLite2-City', 'GeoIP2-City'];

const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'ascii')]);
const DAY_MS = 24 * 3600_000;

/** What the database says of itself. */
export interface GeoipFacts {
  readonly databaseType: string;
  readonly buildDate: Date;
  /** Whole days since the build, rounded as Ichnaea's /__heartbeat__ rounds its age_in_days. */
  readonly ageDays: number;
  readonly ipVersion: 4 | 6;
  /** The locales its names come in (libmaxminddb requires the list, so a database that opens has one). */
  readonly languages: readonly string[];
}

export interface GeoipText {
  readonly message: string;
  readonly fix: string;
}

export type GeoipVerdict =
  | { readonly kind: 'fresh'; readonly facts: GeoipFacts }
  /** Usable, but old enough that locations from IP addresses have drifted. */
  | { readonly kind: 'stale'; readonly facts: GeoipFacts; readonly warning: GeoipText }
  | { readonly kind: 'refused'; readonly error: GeoipText };

const DOWNLOAD =
  'Download GeoLite2-City (the .mmdb file) from MaxMind with a free account (https://www.maxmind.com/en/geolite2/signup), or let geoipupdate fetch it (EditionIDs GeoLite2-City); then give the path of that GeoLite2-City.mmdb';

/** A type name from the file as it may be printed: plain ASCII as it is, anything else quoted and cut. */
const shown = (text: string): string => (/^[\x21-\x7e]{1,64}$/.test(text) ? text : JSON.stringify(text.slice(0, 64)));

const refused = (message: string, fix = `${DOWNLOAD}.`): GeoipVerdict => ({ kind: 'refused', error: { message, fix } });
const damaged = (what: string): GeoipVerdict => refused(`is damaged: ${what} (a download cut short, or a file changed by hand?)`, `Download it again. ${DOWNLOAD}.`);

/** The metadata mmdb-lib read, if it holds every key libmaxminddb requires with a usable value; else what is missing. */
function checked(m: Metadata): { ok: true; ipVersion: 4 | 6 } | { ok: false; key: string } {
  if (m.ipVersion !== 4 && m.ipVersion !== 6) return { ok: false, key: 'ip_version' };
  if (!Number.isInteger(m.nodeCount) || m.nodeCount < 1) return { ok: false, key: 'node_count' };
  if (!Number.isFinite(m.buildEpoch.getTime())) return { ok: false, key: 'build_epoch' };
  if (!Array.isArray(m.languages) || !m.languages.every((l) => typeof l === 'string')) return { ok: false, key: 'languages' };
  const description: unknown = m.description;
  if (typeof description !== 'object' || description === null || Array.isArray(description)) return { ok: false, key: 'description' };
  return { ok: true, ipVersion: m.ipVersion };
}

/**
 * Judges a GeoIP database from its bytes: the whole file or only its end (at least its last
 * GEOIP_METADATA_BYTES). `now` gives its age. Never throws: whatever the bytes, the answer is a verdict.
 */
export function checkGeoipDatabase(bytes: Uint8Array, now: Date): GeoipVerdict {
  if (bytes.length === 0) return refused('is empty, not a GeoIP database');
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = all.subarray(Math.max(0, all.length - GEOIP_METADATA_BYTES));
  if (tail.lastIndexOf(METADATA_MARKER) === -1) {
    if (isLegacyFormat(tail)) return refused('is a GeoIP Legacy (.dat) database, which Ichnaea cannot read: it needs a City database in MaxMind DB (.mmdb) format');
    return refused(
      'is not a MaxMind DB (.mmdb) file: its end holds no MaxMind DB metadata (a .tar.gz or .zip not yet unpacked, or a download cut short?)',
      `Unpack the download and give the path of the GeoLite2-City.mmdb inside; or: ${DOWNLOAD}.`,
    );
  }
  let metadata: Metadata;
  try {
    metadata = parseMetadata(tail);
  } catch {
    // mmdb-lib's own words (an offset, a type number) would not help the admin; what they can do is the same.
    return damaged('its MaxMind DB metadata cannot be read');
  }
  if (metadata.binaryFormatMajorVersion !== 2) {
    return refused(`is in MaxMind DB format version ${String(metadata.binaryFormatMajorVersion)}, and Ichnaea's reader (libmaxminddb) reads version 2 only`);
  }
  const type = metadata.databaseType;
  if (typeof type !== 'string' || type === '') return damaged('its MaxMind DB metadata has no database_type');
  if (!CITY_DATABASE_TYPES.includes(type)) {
    return refused(
      `is a ${shown(type)} database, not a City one: Ichnaea accepts only GeoLite2-City or GeoIP2-City and, given any other, silently runs without GeoIP (no location from IP addresses, and /__heartbeat__ reports geoip down)`,
    );
  }
  const valid = checked(metadata);
  if (!valid.ok) return damaged(`its MaxMind DB metadata has no valid ${valid.key}`);
  const ageDays = Math.round((now.getTime() - metadata.buildEpoch.getTime()) / DAY_MS);
  const facts: GeoipFacts = { databaseType: type, buildDate: metadata.buildEpoch, ageDays, ipVersion: valid.ipVersion, languages: metadata.languages };
  if (ageDays <= GEOIP_MAX_AGE_DAYS) return { kind: 'fresh', facts };
  return {
    kind: 'stale',
    facts,
    warning: {
      message: `was built on ${metadata.buildEpoch.toISOString().slice(0, 10)}, ${ageDays} days ago: IP addresses change hands, and MaxMind publishes new builds twice a week`,
      fix: `Download a fresh copy (geoipupdate, or MaxMind's download page) next to it; then stop Ichnaea's containers, swap the file in and start them again (Ichnaea does not tolerate the file changing under it).`,
    },
  };
}
