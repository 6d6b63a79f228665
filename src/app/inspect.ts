import { join } from 'node:path';
import { stoppedAt, type Journal } from '../core/run/journal.js';
import type { AnswerValue } from '../core/questions/types.js';
import type { InstallStatus, SecretChoice, Unfinished } from '../core/session/flow.js';
import { readSecretSource } from '../io/secret-sources.js';
import type { InstallStore } from '../io/store.js';
import { readInstalled, storedValues } from './installed.js';
import { absolute } from './paths.js';
import type { AppDeps } from './ports.js';
import type { LoadedStack } from './stacks.js';

/** What DIR holds for the wizard, and how each secret kept as it is goes to the install service. */
export interface Inspected {
  readonly status: InstallStatus;
  /**
   * For each secret offered as "keep current": the answer that keeps it, for the install service only
   * ({generate: true}, the recorded {env}/{file} reference, or the value in use). The session's state and
   * the frontends never see these values.
   */
  readonly kept: Readonly<Record<string, unknown>>;
}

/** What DIR holds for the wizard: nothing of ours, or an install whose answers are the starting point; and a draft. */
export async function inspectInstall(deps: AppDeps, store: InstallStore, loaded: LoadedStack): Promise<Inspected> {
  const { stack } = loaded;
  // The YAML parser loads only when there is a draft: most starts have none.
  const draftFile = await store.draft().catch(() => undefined);
  const draft = draftFile ? await (await import('./draft.js')).readDraft(store, draftFile, stack.id, stack.questions) : undefined;
  const withDraft = draft ? { draft } : {};
  if (!(await store.state())) {
    // The server's files written by hand (or by another tool): reconfiguring keeps their secrets.
    const found = await Promise.all(stack.files.filter((f) => typeof f.path === 'string').map((f) => deps.files.read(absolute(store.dir, f.path as string))));
    const status: InstallStatus = found.some((f) => f.kind === 'file') ? { kind: 'installed', answers: {}, secrets: {}, unfinished: undefined, ...withDraft } : { kind: 'fresh', ...withDraft };
    return { status, kept: {} };
  }
  const installed = await readInstalled(deps, store, 'Run `fieldstation setup` in an empty folder, or fix the file.');
  const kept = await keptSecrets(deps, store, installed.loaded, installed.state.secretSources);
  const secrets: Record<string, SecretChoice> = Object.fromEntries(Object.keys(kept).map((id) => [id, { kind: 'keep' }]));
  const unfinished = unfinishedRun(await store.journal());
  return { status: { kind: 'installed', answers: installed.state.answers as Record<string, AnswerValue>, secrets, unfinished, ...withDraft }, kept };
}

/** Why the last bootstrap did not finish, as its journal tells; a folder with files but no run has not run it. */
function unfinishedRun(journal: Journal | undefined): Unfinished | undefined {
  if (!journal) return { status: 'not-run' };
  if (journal.status === 'succeeded') return undefined;
  const step = stoppedAt(journal);
  const at = { updatedAt: journal.updatedAt, ...(step ? { step } : {}) };
  if (journal.status === 'failed') {
    const error = step ? journal.steps[step]?.note : undefined;
    return { status: 'failed', ...at, ...(error ? { error } : {}) };
  }
  // "running": the process was killed, or the machine went down, while it ran.
  return { status: 'interrupted', ...at };
}

/**
 * The secrets whose value in use can be found, each as the answer that keeps it: a generated one stays
 * {generate: true}; one written to the server's files is the value there; one given by reference is that
 * reference when it still reads; one typed in the wizard is read from .fieldstation/secrets/. A secret
 * found nowhere is left out: the wizard asks for it again.
 */
async function keptSecrets(deps: AppDeps, store: InstallStore, loaded: LoadedStack, recorded: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const stored = await storedValues(deps, loaded, store.dir).catch(() => ({}) as Record<string, string>);
  const kept: Record<string, unknown> = {};
  for (const q of loaded.stack.questions) {
    if (q.kind !== 'secret' || !(q.id in recorded)) continue;
    const source = recorded[q.id];
    const ref = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
    if (ref['generate'] === true) kept[q.id] = { generate: true };
    else if (stored[q.id] !== undefined) kept[q.id] = stored[q.id];
    else if (typeof ref['env'] === 'string' || typeof ref['file'] === 'string') {
      const read = await readSecretSource(typeof ref['env'] === 'string' ? { kind: 'env', name: ref['env'] } : { kind: 'file', path: String(ref['file']) }, { env: deps.env, baseDir: store.dir });
      if ('value' in read) kept[q.id] = { ...ref };
    } else {
      const read = await readSecretSource({ kind: 'file', path: join(store.paths.secrets, q.id) }, { env: deps.env, baseDir: store.dir });
      if ('value' in read) kept[q.id] = read.value;
    }
  }
  return kept;
}
