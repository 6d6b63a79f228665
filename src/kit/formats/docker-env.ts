import type { Format } from '../../core/formats/format.js';

/** PLACEHOLDER until the tested docker-env format lands (fs-dockerenv): `KEY=value`, taken literally. */
export const dockerEnvFormat: Format = {
  name: 'docker-env',
  consumer: 'docker run --env-file and Docker Compose env_file',
  check(value) {
    if (/[\r\n\0$'"\\#\s]/u.test(value)) return 'contains a character an env file cannot carry literally';
    return undefined;
  },
  quote: (value) => value,
  reader(text) {
    const values = new Map<string, string>();
    for (const line of text.split('\n')) {
      const at = line.indexOf('=');
      if (at > 0 && !line.startsWith('#')) values.set(line.slice(0, at), line.slice(at + 1));
    }
    return (key) => values.get(key);
  },
};
