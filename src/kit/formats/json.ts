import { getIn } from '../../core/answers/nesting.js';
import type { Format } from '../../core/formats/format.js';

/** JSON strings carry any text: JSON.stringify escapes what it must (including lone surrogates). */
export const jsonFormat: Format = {
  name: 'json',
  consumer: 'JSON.parse and every JSON reader',
  check: () => undefined,
  quote: (value) => JSON.stringify(value),
  reader(text) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return () => undefined;
    }
    // A dotted path into nested objects: "push.server_auth_token".
    return (key) => {
      const value = getIn(data, key.split('.'));
      return typeof value === 'string' ? value : undefined;
    };
  },
};
