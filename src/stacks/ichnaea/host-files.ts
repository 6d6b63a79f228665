import type { HostFileRules } from '../../core/stack.js';

/** PLACEHOLDER until the GeoIP check lands (fs-geoip). */
export const hostFiles: HostFileRules = {
  paths: (answers) => (answers['geoip.path'] === undefined ? [] : [{ id: 'geoip.path', path: String(answers['geoip.path']) }]),
  check: () => [],
};
