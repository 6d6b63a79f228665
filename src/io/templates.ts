import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '../core/stack.js';

/** Reads the template sources a stack needs from templates/<stack>/. */
export async function loadTemplates(templatesDir: string, stack: Stack): Promise<Record<string, string>> {
  const entries = await Promise.all(
    stack.files.map(async (f) => [f.template, await fs.readFile(join(templatesDir, stack.id, f.template), 'utf8')] as const),
  );
  return Object.fromEntries(entries);
}
