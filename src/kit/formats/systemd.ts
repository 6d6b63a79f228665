import type { Format } from '../../core/formats/format.js';

/** PLACEHOLDER until the systemd format lands: bare words only. */
export const systemdFormat: Format = {
  name: 'systemd',
  consumer: 'systemd (checked with systemd-analyze verify)',
  check: (value) => (/^[A-Za-z0-9._/@:*-][A-Za-z0-9._/@: *-]*$/u.test(value) ? undefined : 'contains a character a unit file would read as syntax'),
  quote: (value) => value,
};
