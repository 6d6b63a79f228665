import type { StackAbout } from '../../core/stack.js';
import { GEOIP_SWAP } from './operations-about.js';

export const about: StackAbout = {
  id: 'ichnaea',
  title: 'Mozilla Ichnaea',
  tagline: 'location service: Ichnaea\'s web, worker and scheduler roles, MariaDB, Redis, GeoIP, optional TLS proxy',
  summary:
    'Mozilla Ichnaea (mozilla/ichnaea), the location service behind MLS: its published image (mozilla/location, pinned before the sunset release that disables submission) '
    + 'run as web, worker and scheduler roles from a compose file, with MariaDB (a container, or your MySQL/MariaDB) and its three users, Redis, a MaxMind City database, '
    + 'migrations, a random API key, and an optional nginx TLS proxy. Run fieldstation in an empty folder.',
  examples: ['examples/ichnaea.yaml', 'examples/ichnaea-external.yaml'],
  operations: [GEOIP_SWAP],
};
