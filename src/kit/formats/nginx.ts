import type { Format } from '../../core/formats/format.js';

/** What an nginx directive can carry as a bare word: no quoting rules of nginx's own are ever relied on. */
const BARE_WORD = /^[A-Za-z0-9._~:/@+=,-]+$/;

/**
 * An nginx configuration file (a server block included from conf.d). Values are written as bare words, so
 * only characters nginx never reads as syntax are allowed: a space, a quote, `;`, `{`, `}`, `#`, `$` or a
 * backslash would end the directive, start a comment or a variable. Tested with a real `nginx -t`.
 */
export const nginxFormat: Format = {
  name: 'nginx',
  consumer: 'nginx (checked with nginx -t)',
  check(value) {
    if (value === '') return 'is empty, and an nginx directive needs a word';
    if (!BARE_WORD.test(value)) return 'contains a character nginx reads as syntax (a space, a quote, ; { } # $ or a backslash); only letters, digits and . _ ~ : / @ + = , - can be written';
    return undefined;
  },
  quote: (value) => value,
};
