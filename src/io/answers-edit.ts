import { statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { writeFileAtomic } from './files.js';

/**
 * An answers file whose answers can be read and changed, its comments and layout kept (yaml's document
 * model): `fieldstation upgrade` writes the new image there, so the next apply does not go back to the old one.
 */
export async function answersFile(path: string): Promise<{ get(id: string): unknown; with(id: string, value: string): string }> {
  const doc = parseDocument(await readFile(path, 'utf8'));
  if (!isMap(doc.contents)) throw new Error(`${path} is not a YAML mapping of answers`);
  return {
    get: (id) => doc.getIn(id.split('.')),
    with: (id, value) => {
      const copy = doc.clone();
      copy.setIn(id.split('.'), value);
      return copy.toString({ lineWidth: 0 });
    },
  };
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
