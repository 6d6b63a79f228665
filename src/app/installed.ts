import { join } from 'node:path';
import { checkAnswers, type CheckedAnswers } from '../core/answers/check.js';
import { nest } from '../core/answers/nesting.js';
import { PreflightError, UsageError } from '../core/errors.js';
import { createMasker } from '../core/secrets/mask.js';
import { Secret } from '../core/secrets/secret.js';
import { readStoredSecrets, secretFiles } from '../core/secrets/stored.js';
import type { StackInput } from '../core/stack.js';
import type { InstallState } from '../core/state/state.js';
import { readSecretSource } from '../io/secret-sources.js';
import { installStore, type InstallStore } from '../io/store.js';
import { absolute } from './paths.js';
import type { AppDeps } from './ports.js';
import { loadStack, type LoadedStack } from './stacks.js';

export interface Installed {
  readonly loaded: LoadedStack;
  readonly state: InstallState;
  /** The recorded answers, checked again against the current questions (new questions take their defaults). */
  readonly checked: CheckedAnswers;
}

/**
 * The install in DIR as the last apply recorded it: its server and answers. No state file is a usage
 * error saying what to run (`hint`); answers that no longer fit the questions are one too.
 */
export async function readInstalled(deps: Pick<AppDeps, 'stacks' | 'templatesRoot'>, store: InstallStore, hint: string): Promise<Installed> {
  const state = await store.state();
  if (!state) throw new UsageError(`${store.dir} has no fieldstation install (no ${store.paths.state}; apply writes it).`, [hint]);
  const loaded = await loadStack(deps, state.stack).catch(() => {
    throw new UsageError(`${store.dir} was set up for "${state.stack}", which this fieldstation does not know.`, [hint]);
  });
  const data = nest({ ...state.answers, ...state.secretSources });
  const checked = checkAnswers(loaded.stack, { data, problems: [], lineOf: () => undefined });
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new UsageError(`${store.paths.state} does not match this fieldstation's questions (${errors.map((p) => `${p.path} ${p.message}`).join('; ')}).`, [hint]);
  return { loaded, state, checked };
}

/** The secret values the install's files hold now, read back through each file's format. */
export async function storedValues(deps: Pick<AppDeps, 'files'>, loaded: LoadedStack, dir: string): Promise<Record<string, string>> {
  const texts = new Map<string, string | undefined>();
  await Promise.all(secretFiles(loaded.stack).map(async (file) => {
    const now = await deps.files.read(absolute(dir, file));
    texts.set(file, now.kind === 'file' ? now.content : undefined);
  }));
  return readStoredSecrets(loaded.stack, (file) => texts.get(file));
}

/**
 * An applied install, ready to run again without the answers file: each secret from the file it was
 * written to, or from its recorded env/file source. This is what `resume` works from after a dropped
 * connection; a secret that cannot be found any more is a preflight error naming it.
 */
export async function installedInput(deps: Pick<AppDeps, 'files' | 'env'>, installed: Installed, dir: string, options: { readonly needs?: readonly string[] } = {}): Promise<{ input: StackInput; mask: (text: string) => string }> {
  const { loaded, checked } = installed;
  const stored = await storedValues(deps, loaded, dir);
  const secrets: Record<string, Secret> = {};
  for (const q of loaded.stack.questions) {
    if (q.kind !== 'secret' || !(q.id in checked.secretSources)) continue;
    let value: string | undefined;
    let where: string;
    if (q.secret.storedIn) {
      value = stored[q.id];
      where = `is not in ${q.secret.storedIn.file} (${q.secret.storedIn.key}) any more`;
    } else {
      // Recorded as in an answers file ({env: NAME}, {file: /abs/path}); a literal was never recorded, but
      // one typed in the wizard is in .fieldstation/secrets/ (saved with its answers, mode 0600).
      const source = checked.secretSources[q.id];
      const typed = { kind: 'file' as const, path: join(installStore(dir).paths.secrets, q.id) };
      const read = source && source.kind !== 'generate' ? await readSecretSource(source.kind === 'literal' ? typed : source, { env: deps.env, baseDir: dir }) : undefined;
      value = read && 'value' in read ? read.value : undefined;
      where = read && 'problem' in read ? read.problem : 'was given as a literal, which is never recorded';
    }
    if (value === undefined || value === '') {
      // An operation names the secrets its steps use: another one that is not at hand (an admin password
      // given once from the environment) is not needed for it.
      if (options.needs && !options.needs.includes(q.id)) continue;
      throw new PreflightError(`The secret ${q.id} ${where}.`, [`Make it available again, or run \`fieldstation apply --answers FILE --dir ${dir}\` again.`]);
    }
    secrets[q.id] = new Secret(q.id, value);
  }
  const previous = Object.fromEntries(Object.entries(stored).map(([id, value]) => [id, new Secret(id, value)]));
  const mask = createMasker(Object.values(secrets).map((s) => ({ id: s.id, value: s.reveal() })));
  return { input: { answers: checked.answers, secrets, previous, dir }, mask };
}
