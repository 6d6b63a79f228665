import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../../helpers/cli.js';
import { cityDatabase, epochDaysBefore } from '../../../helpers/mmdb.js';
import { renderStack, type Rendered } from '../../../helpers/render-stack.js';

export { suiteDir, type Rendered } from '../../../helpers/render-stack.js';

/** The two Ichnaea examples: everything on one machine, and your own database and Redis behind a proxy. */
export const LOCAL_EXAMPLE = join(ROOT, 'examples', 'ichnaea.yaml');
export const EXTERNAL_EXAMPLE = join(ROOT, 'examples', 'ichnaea-external.yaml');

/** The install folder as the files name it, under the test's host root. */
export const DIR = '/opt/fieldstation-test/ichnaea';

/** The examples' GeoIP file, where validation reads it: a City database built a day ago, written by the tests' own MMDB writer. */
export const EXAMPLE_GEOIP = '/opt/geoip/GeoLite2-City.mmdb';

function placeGeoip(overrides: Readonly<Record<string, unknown>>, real: (path: string) => string): void {
  const path = typeof overrides['geoip.path'] === 'string' ? overrides['geoip.path'] : EXAMPLE_GEOIP;
  mkdirSync(dirname(real(path)), { recursive: true });
  writeFileSync(real(path), cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 1) }));
}

/** An Ichnaea example planned with `overrides` under `work`, with a City database where geoip.path says. */
export const renderIchnaea = (example: string, overrides: Readonly<Record<string, unknown>>, work: string, env: Readonly<Record<string, string>> = {}): Promise<Rendered> =>
  renderStack('ichnaea', DIR, example, overrides, work, placeGeoip, env);
