import { Document } from 'yaml';
import { ANSWERS_FILE_VERSION } from '../core/answers/answers-file.js';
import { nest } from '../core/answers/nesting.js';
import type { Stack } from '../core/stack.js';
import type { InstallStore } from '../io/store.js';
import { localTime } from '../io/local-time.js';

/**
 * Saves the wizard's answers as DIR/.fieldstation/answers.yaml, for `fieldstation apply --answers` to
 * replay. No secret value goes into it: a generated secret stays {generate: true} (a replay in the same
 * folder keeps the value already written), and a typed one goes to .fieldstation/secrets/<id> (0600, like
 * the server's own secret files) and is referenced as {file: secrets/<id>}.
 */
export async function saveAnswers(store: InstallStore, stack: Stack, flat: Readonly<Record<string, unknown>>, now: Date): Promise<string> {
  const typed: Record<string, string> = {};
  const entries: Record<string, unknown> = { ...flat };
  for (const q of stack.questions) {
    if (q.kind !== 'secret' || typeof entries[q.id] !== 'string') continue;
    typed[q.id] = entries[q.id] as string;
    entries[q.id] = { file: `secrets/${q.id}` };
  }
  const doc = new Document(nest(entries, { version: ANSWERS_FILE_VERSION, stack: stack.id }));
  doc.commentBefore = ` fieldstation answers for ${stack.title}, saved by the wizard on ${localTime(now)}.
 Replay: fieldstation apply --answers ${store.paths.answers} --dir ${store.dir}
 Secrets are references only: generated ones are kept from the files already written, typed ones are
 read from .fieldstation/secrets/ (mode 0600).`;
  return store.saveAnswers(doc.toString({ lineWidth: 0 }), typed);
}
