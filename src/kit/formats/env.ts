import { parse } from 'dotenv';
import type { Format } from '../../core/formats/format.js';

/**
 * Compose env_file / dotenv: always `KEY='value'`. Inside single quotes dotenv and Compose v2 take every
 * character literally, except that Compose v2 treats `\'` as an escaped quote; Debian's Compose v1
 * (python-dotenv) also folds `\\` and expands `${...}` there. So we refuse exactly what would read back
 * differently in one of them (tested against dotenv and Debian's docker-compose config).
 */
export const envFormat: Format = {
  name: 'env',
  consumer: 'dotenv and Docker Compose env files (v2, and Debian\'s v1)',
  check(value) {
    if (value.includes("'")) return 'contains a single quote (\'), which env files cannot carry the same way for dotenv and Docker Compose';
    if (/[\r\n]/.test(value)) return 'contains a line break';
    if (value.includes('\0')) return 'contains a NUL character';
    // With the u flag this matches only unpaired halves: UTF-8 cannot carry them (they become U+FFFD).
    if (/[\uD800-\uDFFF]/u.test(value)) return 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';
    if (value.includes('\\\\')) return 'contains two backslashes in a row (\\\\), which Docker Compose reads as one';
    if (value.endsWith('\\')) return 'ends with a backslash, which Docker Compose reads as escaping the closing quote';
    if (value.includes('${')) return 'contains "${", which Docker Compose expands as a variable';
    return undefined;
  },
  quote: (value) => `'${value}'`,
  reader(text) {
    const values = parse(text);
    return (key) => values[key];
  },
};
