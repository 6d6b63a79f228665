import { Document, parse } from 'yaml';
import { ANSWERS_FILE_VERSION } from '../core/answers/answers-file.js';
import { isPlainObject } from '../core/answers/mapping.js';
import { flatten, nest } from '../core/answers/nesting.js';
import type { AnswerValue, Question } from '../core/questions/types.js';
import type { DraftFound, DraftSaved, DraftToSave } from '../core/session/draft.js';
import type { SecretChoice } from '../core/wizard/machine.js';
import { excludeFromGit } from '../io/git.js';
import type { InstallStore } from '../io/store.js';
import { localTime } from '../io/local-time.js';

const DRAFT_SECRETS = 'draft-secrets';

/**
 * Saves the wizard's unfinished answers as DIR/.fieldstation/draft.yaml, in the answers file's format (so
 * it can be read, and applied once complete), with each typed secret only in draft-secrets/<id> (0600)
 * and referenced as {file: draft-secrets/<id>}. Never throws: what went wrong is in the result, for the
 * wizard to say (its answers are then lost, and it must not pretend otherwise).
 */
export async function saveDraft(store: InstallStore, draft: DraftToSave, now: Date): Promise<DraftSaved> {
  const typed: Record<string, string> = {};
  const entries: Record<string, unknown> = { ...draft.answers };
  for (const [id, choice] of Object.entries(draft.secrets)) {
    if (choice.kind === 'generate') entries[id] = { generate: true };
    else {
      typed[id] = choice.value;
      entries[id] = { file: `${DRAFT_SECRETS}/${id}` };
    }
  }
  const doc = new Document(nest(entries, { version: ANSWERS_FILE_VERSION, stack: draft.stack }));
  doc.commentBefore = ` fieldstation: answers given in the wizard and not applied yet, saved on ${localTime(now)}.
 Install folder: ${store.dir}
 \`fieldstation setup --dir ${store.dir}\` offers to continue them, or to discard them.
 Typed secrets are not in this file: each is in .fieldstation/${DRAFT_SECRETS}/ (mode 0600).`;
  const saved = { answers: Object.keys(draft.answers).length, secretFiles: Object.keys(typed), secretsDir: store.paths.draftSecrets, path: store.paths.draft };
  try {
    await store.saveDraft(doc.toString({ lineWidth: 0 }), typed);
  } catch (error) {
    return { ...saved, secretFiles: [], error: (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)) };
  }
  // In an upstream checkout, `git status` must not list our folder for a draft either (as apply does).
  await excludeFromGit(store.dir, ['.fieldstation/']).catch(() => undefined);
  return saved;
}

/**
 * The draft in DIR for these questions, or undefined when there is none or it is of another server. A
 * draft that cannot be read (edited by hand into something else) is left alone and not offered: the
 * wizard then starts as without one, and saving a new draft replaces it.
 */
export async function readDraft(store: InstallStore, file: { readonly text: string; readonly savedAt: Date }, stack: string, questions: readonly Question[]): Promise<DraftFound | undefined> {
  let data: unknown;
  try {
    data = parse(file.text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(data) || data['stack'] !== stack) return undefined;
  const flat = flatten(data, questions.map((q) => q.id));
  const answers: Record<string, AnswerValue> = {};
  const secrets: Record<string, SecretChoice> = {};
  const lost: string[] = [];
  for (const q of questions) {
    const v = flat[q.id];
    if (v === undefined) continue;
    if (q.kind !== 'secret') {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') answers[q.id] = v;
      continue;
    }
    if (isPlainObject(v) && v['generate'] === true) secrets[q.id] = { kind: 'generate' };
    else if (isPlainObject(v) && v['file'] === `${DRAFT_SECRETS}/${q.id}`) {
      const value = await store.draftSecret(q.id).catch(() => undefined);
      if (value) secrets[q.id] = { kind: 'value', value };
      else lost.push(q.id);
    }
  }
  return { savedAt: file.savedAt.toISOString(), answers, secrets, lost };
}
