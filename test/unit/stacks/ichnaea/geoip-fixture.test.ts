import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_HOST_FILES } from '../../../../scripts/examples.mjs';
import { checkGeoipDatabase } from '../../../../src/stacks/ichnaea/geoip.js';
import { ROOT } from '../../../helpers/cli.js';
import { UPDATE } from '../../../helpers/golden.js';
import { cityDatabase } from '../../../helpers/mmdb.js';

/**
 * The GeoIP stand-in the benchmark and the build's code-cache sample plan the Ichnaea examples with
 * (scripts/examples.mjs): no binary of unknown origin, but exactly what the tests' writer makes for a
 * City database built on this date. Refresh with FIELDSTATION_UPDATE_SNAPSHOTS=1.
 */
const BUILT = Date.UTC(2026, 10, 20) / 1000;

describe('the examples\' GeoIP stand-in', () => {
  it('is the tests\' own City database, byte for byte', () => {
    const file = join(ROOT, EXAMPLE_HOST_FILES['/opt/geoip/GeoLite2-City.mmdb']!);
    const made = cityDatabase({ buildEpoch: BUILT });
    if (UPDATE || !existsSync(file)) writeFileSync(file, made);
    expect(Buffer.compare(readFileSync(file), made)).toBe(0);
    expect(checkGeoipDatabase(readFileSync(file), new Date('2026-11-23T10:00:00Z'))).toMatchObject({ kind: 'fresh' });
  });
});
