import { join } from 'node:path';
import { Document } from 'yaml';
import { isPlainObject } from '../core/answers/answers-file.js';
import type { Stack } from '../core/stack.js';
import { ensurePrivateDir, writeFileAtomic } from '../io/files.js';
import { STATE_DIR } from './apply.js';

/**
 * Saves the wizard's answers as DIR/.fieldstation/answers.yaml, for `fieldstation apply --answers` to
 * replay. No secret value goes into it: a generated secret stays {generate: true} (a replay in the same
 * folder keeps the value already written), and a typed one is written to .fieldstation/secrets/<key>
 * (0600, like .secret.env itself) and referenced as {file: secrets/<key>}.
 */
export async function saveAnswers(dir: string, stack: Stack, data: Record<string, unknown>, now: Date): Promise<string> {
  const stateDir = join(dir, STATE_DIR);
  const secretsDir = join(stateDir, 'secrets');
  const out: Record<string, unknown> = structuredClone(data);
  for (const q of stack.questions) {
    if (q.kind !== 'secret') continue;
    const parts = q.id.split('.');
    let parent: unknown = out;
    for (const part of parts.slice(0, -1)) parent = isPlainObject(parent) ? parent[part] : undefined;
    const key = parts[parts.length - 1]!;
    if (!isPlainObject(parent) || typeof parent[key] !== 'string') continue;
    await ensurePrivateDir(secretsDir);
    await writeFileAtomic(join(secretsDir, q.id), `${parent[key] as string}\n`, { mode: 0o600 });
    parent[key] = { file: `secrets/${q.id}` };
  }
  const doc = new Document(out);
  doc.commentBefore = ` fieldstation answers for ${stack.title}, saved by the wizard on ${now.toISOString()}.
 Replay: fieldstation apply --answers ${join(stateDir, 'answers.yaml')} --dir ${dir}
 Secrets are references only: generated ones are kept from the files already written, typed ones are
 read from .fieldstation/secrets/ (mode 0600).`;
  const path = join(stateDir, 'answers.yaml');
  await ensurePrivateDir(stateDir);
  await writeFileAtomic(path, doc.toString({ lineWidth: 0 }), { mode: 0o600 });
  return path;
}
