import { statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { writeFileAtomic } from './files.js';

/**
 * An answers file with one answer changed, its comments and layout kept (yaml's document model):
 * `fieldstation upgrade` writes the new image there, so the next apply does not go back to the old one.
 */
export async function editedAnswers(path: string, id: string, value: string): Promise<{ text: string; previous: unknown }> {
  const doc = parseDocument(await readFile(path, 'utf8'));
  const keys = id.split('.');
  const previous = doc.getIn(keys);
  if (!isMap(doc.contents)) throw new Error(`${path} is not a YAML mapping of answers`);
  doc.setIn(keys, value);
  return { text: doc.toString({ lineWidth: 0 }), previous };
}

/**
 * A temporary copy beside the answers file (so relative {file: ...} references read the same), for
 * checking before it replaces the file; `commit` renames it into place keeping the file's mode.
 */
export async function stagedAnswers(path: string, text: string): Promise<{ path: string; commit(): Promise<void>; discard(): Promise<void> }> {
  const staged = join(dirname(path), `.${basename(path)}.fieldstation-new`);
  const mode = statSync(path).mode & 0o777;
  await writeFileAtomic(staged, text, { mode });
  return {
    path: staged,
    commit: async () => {
      await writeFileAtomic(path, text, { mode });
      await rm(staged, { force: true });
    },
    discard: () => rm(staged, { force: true }),
  };
}
