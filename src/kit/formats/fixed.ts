import type { Format } from '../../core/formats/format.js';

/**
 * A file written exactly as its template stands, for the program that includes it (e.g. TLS settings for
 * nginx). It carries no answers: a template of this format that tried to write a value is refused.
 */
export const fixedFormat: Format = {
  name: 'fixed',
  consumer: 'the program that includes the file, as written',
  check: () => 'cannot be written into a file that carries no values',
  quote: () => {
    throw new Error('a fixed file carries no values');
  },
};
