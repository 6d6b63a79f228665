import { resolve } from 'node:path';
import { checkSecretValue } from '../core/answers/check.js';
import { BugError } from '../core/errors.js';
import { createRenderer, RenderError } from '../core/render/engine.js';
import { generateSecret, type RandomBytes } from '../core/secrets/generate.js';
import { createMasker, type KnownSecret } from '../core/secrets/mask.js';
import { Secret } from '../core/secrets/secret.js';
import { buildPlan, renderFiles, type CurrentFile, type Plan } from '../core/plan/plan.js';
import { generateSpecOf, type SecretQuestion } from '../core/questions/types.js';
import { filePath, type StackInput } from '../core/stack.js';
import { readCurrent } from '../io/files.js';
import { loadTemplates } from '../io/templates.js';
import type { LoadedAnswers } from './load-answers.js';
import { storedSecretValues } from './stored-secrets.js';

export interface PlannedInstall {
  readonly plan: Plan;
  readonly input: StackInput;
  /** Masks every secret we know of, new and on disk; apply it to anything printed or logged. */
  readonly mask: (text: string) => string;
  /** Secret ids that were generated in this run (not kept from disk). */
  readonly generated: readonly string[];
}

/**
 * Reads what is on disk, settles every secret (given, kept from the files already written, or generated),
 * renders the files and compares them with what is there. Changes nothing.
 */
export async function makePlan(loaded: LoadedAnswers, options: { dir: string; templatesDir: string; random: RandomBytes }): Promise<PlannedInstall> {
  const { stack, checked } = loaded;
  const { dir } = options;
  const current = new Map<string, CurrentFile>();
  await Promise.all(stack.files.map(async (f) => {
    const path = filePath(f, checked.answers);
    current.set(path, await readCurrent(resolve(dir, path)));
  }));

  const onDisk = storedSecretValues(stack, (file) => {
    const now = current.get(file);
    return now?.kind === 'file' ? now.content : undefined;
  });
  const secrets: Record<string, Secret> = {};
  const known: KnownSecret[] = [];
  const generated: string[] = [];
  for (const [id, source] of Object.entries(checked.secretSources)) {
    const q = stack.questions.find((x) => x.id === id) as SecretQuestion;
    let value = loaded.secretValues[id];
    if (source.kind === 'generate') {
      // A re-run keeps a generated secret: the database and users already hold it.
      const kept = onDisk[id];
      if (kept !== undefined && checkSecretValue(q, kept, checked.answers) === undefined) value = kept;
      else {
        value = generateSecret(options.random, generateSpecOf(q, checked.answers)!);
        generated.push(id);
      }
    }
    if (value === undefined) throw new BugError(`secret ${id} has no value after loading`);
    secrets[id] = new Secret(id, value);
    known.push({ id, value });
  }
  for (const [id, value] of Object.entries(onDisk)) known.push({ id: `${id} (previous)`, value });
  const mask = createMasker(known);

  const input: StackInput = { answers: checked.answers, secrets, dir };
  const templates = await loadTemplates(options.templatesDir, stack);
  let rendered;
  try {
    rendered = renderFiles(stack, input, templates, createRenderer());
  } catch (error) {
    if (error instanceof RenderError) throw new BugError(mask(`A validated answer could not be rendered (${error.message}).`));
    throw error;
  }
  const plan = buildPlan({ stack, input, rendered, current, mask, warnings: loaded.warnings });
  return { plan, input, mask, generated };
}
