import type { Format } from '../../core/formats/format.js';

/** PLACEHOLDER until the crontab format lands: bare words only. */
export const crontabFormat: Format = {
  name: 'crontab',
  consumer: 'cron and /bin/sh',
  check: (value) => (/^[A-Za-z0-9._/@:-]+$/u.test(value) ? undefined : 'contains a character cron or the shell would read as syntax'),
  quote: (value) => value,
};
