import type { SecretQuestion } from '../questions/types.js';
import type { Stack } from '../stack.js';

/** The secrets a stack writes into its files: each secret question with a `storedIn`. */
export const storedSecrets = (stack: Stack): SecretQuestion[] =>
  stack.questions.filter((q): q is SecretQuestion => q.kind === 'secret' && q.secret.storedIn !== undefined);

/** The files that hold secrets, by the name `storedIn` uses (a file's relative path). */
export const secretFiles = (stack: Stack): string[] => [...new Set(storedSecrets(stack).map((q) => q.secret.storedIn!.file))];

/**
 * The secret values already written in a stack's files, by question id, each read back through its file's
 * own format (dotenv for env files, JSON for JSON files), as its consumer reads it. `contentOf` gives a
 * file's text, or undefined when it is absent. Empty values count as absent.
 */
export function readStoredSecrets(stack: Stack, contentOf: (file: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const readers = new Map<string, (key: string) => string | undefined>();
  for (const q of storedSecrets(stack)) {
    const { file, key } = q.secret.storedIn!;
    let read = readers.get(file);
    if (!read) {
      const spec = stack.files.find((f) => f.path === file);
      const text = contentOf(file);
      if (!spec) throw new Error(`secret ${q.id} is stored in ${file}, which is not one of ${stack.id}'s files`);
      if (!spec.format.reader) throw new Error(`secret ${q.id} is stored in ${file}, whose format (${spec.format.name}) cannot read values back`);
      read = text === undefined ? () => undefined : spec.format.reader(text);
      readers.set(file, read);
    }
    const raw = read(key);
    const value = raw !== undefined && q.secret.storedIn!.within === 'url-password' ? urlPassword(raw) : raw;
    if (value !== undefined && value !== '') out[q.id] = value;
  }
  return out;
}

/** The password of `scheme://user:password@host...`, percent-decoded; undefined when the URL has none. */
function urlPassword(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^/@]*)@/iu.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
}
