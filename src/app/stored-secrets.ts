import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import type { Stack } from '../core/stack.js';
import { readTextIfExists } from '../io/files.js';

/**
 * The secret values already written in a stack's files, by question id (each secret's `storedIn`), read
 * back with dotenv as they were written. `contentOf` gives a file's text, or undefined when it is absent.
 */
export function storedSecretValues(stack: Stack, contentOf: (file: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const parsed = new Map<string, Record<string, string>>();
  for (const q of stack.questions) {
    if (q.kind !== 'secret' || !q.secret.storedIn) continue;
    const { file, key } = q.secret.storedIn;
    if (!parsed.has(file)) parsed.set(file, parseEnv(contentOf(file) ?? ''));
    const value = parsed.get(file)![key];
    if (value !== undefined && value !== '') out[q.id] = value;
  }
  return out;
}

/** The same, reading each file once from DIR. */
export async function readStoredSecrets(stack: Stack, dir: string): Promise<Record<string, string>> {
  const files = [...new Set(stack.questions.flatMap((q) => (q.kind === 'secret' && q.secret.storedIn ? [q.secret.storedIn.file] : [])))];
  const texts = new Map(await Promise.all(files.map(async (f) => [f, await readTextIfExists(join(dir, f))] as const)));
  return storedSecretValues(stack, (f) => texts.get(f));
}
