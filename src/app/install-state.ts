import { join } from 'node:path';
import { PreflightError, UsageError } from '../core/errors.js';
import type { Journal } from '../core/run/journal.js';
import { Secret } from '../core/secrets/secret.js';
import { createMasker } from '../core/secrets/mask.js';
import type { Stack, StackInput } from '../core/stack.js';
import type { InstallState } from '../core/state/state.js';
import { readTextIfExists, writeFileAtomic } from '../io/files.js';
import { readSecretSource } from '../io/secret-sources.js';
import { parseSecretSource } from '../core/answers/secret-source.js';
import { isPlainObject } from '../core/answers/answers-file.js';
import { loadStack } from '../stacks/index.js';
import { STATE_DIR } from './apply.js';
import { readStoredSecrets } from './stored-secrets.js';

export const journalPath = (dir: string) => join(dir, STATE_DIR, 'journal.json');

export async function readJournal(dir: string): Promise<Journal | undefined> {
  const text = await readTextIfExists(journalPath(dir));
  return text === undefined ? undefined : (JSON.parse(text) as Journal);
}

export const saveJournal = (dir: string) => (journal: Journal) => writeFileAtomic(journalPath(dir), `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });

/**
 * DIR/.fieldstation/state.json as apply wrote it, with its shape checked. A missing or damaged file is
 * a usage error whose hint says what to run instead (`hint`).
 */
export async function readInstallState(dir: string, hint: string): Promise<InstallState> {
  const path = join(dir, STATE_DIR, 'state.json');
  const usage = (why: string) => new UsageError(why, [hint]);
  let text: string | undefined;
  try {
    text = await readTextIfExists(path);
  } catch (error) {
    throw usage(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (text === undefined) throw usage(`${dir} has no fieldstation install (no ${STATE_DIR}/state.json; apply writes it).`);
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw usage(`${path} is not valid JSON.`);
  }
  if (!isPlainObject(state) || typeof state['stack'] !== 'string' || !isPlainObject(state['answers']) || !isPlainObject(state['secrets'])) throw usage(`${path} has no stack, answers or secrets.`);
  return state as unknown as InstallState;
}

/**
 * An applied install, read back from DIR without the answers file: the answers from state.json and each
 * secret from the file it was written to (or its recorded env/file source). This is what `resume` and
 * `doctor` work from after a dropped connection.
 */
export async function loadInstalled(dir: string, env: Readonly<Record<string, string | undefined>>): Promise<{ stack: Stack; state: InstallState; input: StackInput; mask: (t: string) => string }> {
  const state = await readInstallState(dir, 'Run `fieldstation apply --answers FILE --dir DIR` first.');
  const stack = await loadStack(state.stack);
  if (!stack) throw new UsageError(`${dir} was set up for "${state.stack}", which this fieldstation does not know.`);
  const stored = await readStoredSecrets(stack, dir);
  const secrets: Record<string, Secret> = {};
  for (const q of stack.questions) {
    if (q.kind !== 'secret' || !(q.id in state.secrets)) continue;
    let value: string | undefined;
    let where: string;
    if (q.secret.storedIn) {
      value = stored[q.id];
      where = `is not in ${q.secret.storedIn.file} (${q.secret.storedIn.key}) any more`;
    } else {
      // Recorded as in an answers file ({env: NAME}, {file: /abs/path}); a literal was never recorded.
      const source = parseSecretSource(state.secrets[q.id], q.id, undefined, false).source;
      const read = source && source.kind !== 'literal' && source.kind !== 'generate' ? await readSecretSource(source, { env, baseDir: dir }) : undefined;
      value = read && 'value' in read ? read.value : undefined;
      where = read && 'problem' in read ? read.problem : 'was given as a literal, which is never recorded';
    }
    if (value === undefined || value === '') {
      throw new PreflightError(`The secret ${q.id} ${where}.`, ['Make it available again, or run `fieldstation apply --answers FILE --dir DIR` again.']);
    }
    secrets[q.id] = new Secret(q.id, value);
  }
  const mask = createMasker(Object.values(secrets).map((s) => ({ id: s.id, value: s.reveal() })));
  return { stack, state, input: { answers: state.answers, secrets, dir }, mask };
}
