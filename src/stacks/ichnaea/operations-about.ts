import type { OperationAbout } from '../../core/stack.js';

/** The geoip-swap operation, told without loading the stack (--help reads the catalogue only). */
export const GEOIP_SWAP: OperationAbout = {
  name: 'geoip-swap',
  summary: 'Replace Ichnaea\'s GeoIP database safely: check the new file, stop the roles, swap it in atomically, start them, check',
  usage: '--file NEW.mmdb [--dir DIR] [--yes]',
  options: ['  --file NEW.mmdb  The new GeoLite2-City or GeoIP2-City database (required); it is copied, never moved'],
  help: `Ichnaea does not notice its GeoIP database changing under it, so a new one (MaxMind publishes twice a
week) goes in with the roles stopped. This checks the new file first (a GeoLite2-City or GeoIP2-City
database; nothing runs when it is not one), stops the roles on this host, keeps the current file as
<file>.previous, copies the new one beside it and renames it into place (atomic: the roles never see half
a file), starts the roles and waits for /__heartbeat__ to report GeoIP up. The answers and secrets come
from the install in DIR (.fieldstation/state.json); no server file is rewritten. When a step fails after
the roles stopped, they stay stopped (the old database in place, or the new one, never half of one): fix
the cause and run it again, or start them with \`docker compose start\` in DIR.`,
};

