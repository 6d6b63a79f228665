import type { Format } from '../../core/formats/format.js';
import { hasLoneSurrogate } from './characters.js';

/*
 * An env file read both by `docker run --env-file` and by Docker Compose's `env_file:` (Ichnaea's env.txt).
 * The two read it differently, and the only form both read the same way is `KEY=value` with no quotes:
 *
 *   - The docker CLI (its kvfile parser) takes each line literally: the value is the rest of the line after
 *     the first `=`, with no quotes removed, no escapes, no comments inside it, white space kept. It splits
 *     on `\n`, drops one `\r` that ends a line, and reads at most 65,535 bytes a line.
 *   - Compose (v2's dotenv, and Debian's v1 with python-dotenv) reads a value that starts with a quote as
 *     quoted, strips white space around an unquoted one, cuts it at white space followed by `#` (a
 *     comment), and expands variables: v2 `$NAME`, `${NAME}` and `$$`, v1 `${NAME}`. v1 opens the file with
 *     Python's universal newlines, so a `\r` anywhere ends its line.
 *
 * So the value is written as it stands and `check` refuses exactly what one of them would change, found by
 * running both (test/integration/render/docker-env.test.ts): backslashes, quotes inside, `#` after a
 * non-space and the other C0 controls pass through both unchanged and are accepted.
 */

/** The longest line the docker CLI reads (Go's bufio.Scanner token limit, less one): longer fails the whole file. */
export const DOCKER_ENV_LINE_MAX_BYTES = 65_535;
/** The longest key a value's length is checked for: `check` sees only the value, so it leaves room for this. */
export const DOCKER_ENV_KEY_MAX_BYTES = 128;
/** The longest value, in UTF-8 bytes, that fits on a line after a key of DOCKER_ENV_KEY_MAX_BYTES and `=`. */
export const DOCKER_ENV_VALUE_MAX_BYTES = DOCKER_ENV_LINE_MAX_BYTES - DOCKER_ENV_KEY_MAX_BYTES - 1;

/**
 * White space as Compose v1 sees it (Python's str.isspace, which its `\s` and strip() use). It is the widest
 * of the readers': Go's unicode.IsSpace (Compose v2) is the same less U+001C-U+001F.
 */
const SPACE_CLASS = '\\t\\n\\v\\f\\r \\u001C-\\u001F\\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const LEADING_SPACE = new RegExp(`^[${SPACE_CLASS}]`);
const TRAILING_SPACE = new RegExp(`[${SPACE_CLASS}]$`);
const SPACE_THEN_HASH = new RegExp(`[${SPACE_CLASS}]#`);

/**
 * What makes Compose v2 read a `$` as a variable (compose-go's template syntax): `$$`, `${`, or a name,
 * which starts with `_` or a letter matched case-blind, so Go also takes U+017F (ſ) and U+212A (K, Kelvin)
 * as `s` and `k`. A `$` before anything else (a digit, a space, `-`, the end) stays as it is in both.
 */
const VARIABLE = /\$[$_{A-Za-z\u017F\u212A]/;

/** The docker CLI's white space at the start of a line (Go's unicode.IsSpace): it is skipped. */
const GO_LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;

/** A character for a message: printable ones as themselves, the rest by code point. */
function describe(char: string): string {
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}" (${code})` : `white space ${code}`;
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

export const dockerEnvFormat: Format = {
  name: 'docker-env',
  consumer: 'the docker CLI (docker run --env-file) and Docker Compose env_file (v2, and Debian\'s v1)',
  check(value) {
    if (hasLoneSurrogate(value)) return 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';
    if (value.includes('\n')) return 'contains a line break (U+000A), which ends the line for the docker CLI and Docker Compose';
    if (value.includes('\r')) return 'contains a carriage return (U+000D), which Docker Compose v1 reads as a line break (and the docker CLI drops at the end of a line)';
    // Both readers pass a NUL through, but no process can be given it: execve ends an environment string there.
    if (value.includes('\0')) return 'contains a NUL character (U+0000), which no process environment can carry';
    if (value.startsWith("'") || value.startsWith('"')) return `starts with a quote (${value[0]}), which Docker Compose reads as the start of a quoted value`;
    if (LEADING_SPACE.test(value)) return `starts with ${describe(value[0]!)}, which Docker Compose strips from a value`;
    if (TRAILING_SPACE.test(value)) return `ends with ${describe(value.at(-1)!)}, which Docker Compose strips from a value`;
    const comment = SPACE_THEN_HASH.exec(value);
    if (comment) return `contains ${describe(comment[0][0]!)} followed by "#", which Docker Compose reads as the start of a comment`;
    const variable = VARIABLE.exec(value);
    if (variable) return `contains "${variable[0]}", which Docker Compose reads as a variable ($NAME, \${NAME}, or $$ for one "$")`;
    const bytes = byteLength(value);
    if (bytes > DOCKER_ENV_VALUE_MAX_BYTES) {
      return `is ${bytes} bytes long in UTF-8, and the docker CLI reads at most ${DOCKER_ENV_LINE_MAX_BYTES} bytes a line, which leaves ${DOCKER_ENV_VALUE_MAX_BYTES} for a value`;
    }
    return undefined;
  },
  quote: (value) => value,
  reader(text) {
    const values = dockerCliValues(text);
    return (key) => values.get(key);
  },
};

/**
 * The values the docker CLI takes from an env file, by key, the last of a key winning as it does in the
 * container. Lines it would reject (a key with white space, no key) are skipped rather than failing the
 * whole file, so the values still written are kept; a bare `KEY` (its value taken from the caller's
 * environment at run time) holds no value in the file.
 */
export function dockerCliValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(GO_LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq);
    if (/[ \t]/.test(key)) return;
    values.set(key, line.slice(eq + 1));
  });
  return values;
}
