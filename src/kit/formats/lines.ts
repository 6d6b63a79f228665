import type { Format } from '../../core/formats/format.js';

/**
 * A plain text file of one value per line, read by a program that takes each line as it stands (e.g.
 * e-mission's insert_tokens.py --file, which strips each line). The whole text is one value: its lines
 * may hold anything but a carriage return or NUL, which such readers would keep inside a line.
 */
export const linesFormat: Format = {
  name: 'lines',
  consumer: 'a program reading one value per line (Python\'s readlines and strip)',
  check(value) {
    if (value.includes('\r')) return 'contains a carriage return, which would stay inside a line';
    if (value.includes('\0')) return 'contains a NUL character';
    if (value.split('\n').some((line) => line.trim() !== line || line === '')) return 'has an empty line, or a line with white space at its start or end, which the reader would strip';
    return undefined;
  },
  quote: (value) => value,
  // The file's whole text, one key for all of it: its lines are one secret (e.g. every sign-in code).
  reader: (text) => (key) => (key === 'lines' ? text.replace(/\n$/u, '') : undefined),
};
