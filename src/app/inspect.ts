import { stoppedAt } from '../core/run/journal.js';
import type { AnswerValue } from '../core/questions/types.js';
import type { InstallStatus, SecretChoice } from '../core/session/flow.js';
import type { InstallStore } from '../io/store.js';
import { installedInput, readInstalled } from './installed.js';
import { absolute } from './paths.js';
import type { AppDeps } from './ports.js';
import type { LoadedStack } from './stacks.js';

/** What DIR holds for the wizard: nothing of ours, or an install whose answers are the starting point. */
export async function inspectInstall(deps: AppDeps, store: InstallStore, loaded: LoadedStack): Promise<InstallStatus> {
  const { stack } = loaded;
  if (!(await store.state())) {
    // The server's files written by hand (or by another tool): reconfiguring keeps their secrets.
    const found = await Promise.all(stack.files.filter((f) => typeof f.path === 'string').map((f) => deps.files.read(absolute(store.dir, f.path as string))));
    return found.some((f) => f.kind === 'file') ? { kind: 'installed', answers: {}, secrets: {}, unfinished: undefined } : { kind: 'fresh' };
  }
  const installed = await readInstalled(deps, store, 'Run `fieldstation setup` in an empty folder, or fix the file.');
  // Given by the user before (typed, env or file): the value in use is the starting point.
  const inUse = await installedInput(deps, installed, store.dir).then((i) => i.input.secrets, () => undefined);
  const secrets: Record<string, SecretChoice> = {};
  for (const [id, source] of Object.entries(installed.checked.secretSources)) {
    if (source.kind === 'generate') secrets[id] = { kind: 'generate' };
    else {
      const value = inUse?.[id]?.reveal();
      if (value) secrets[id] = { kind: 'value', value };
    }
  }
  const journal = await store.journal();
  let unfinished: { failedStep?: string; updatedAt: string } | undefined;
  if (journal && journal.status !== 'succeeded') {
    const stopped = stoppedAt(journal);
    unfinished = { updatedAt: journal.updatedAt, ...(stopped ? { failedStep: stopped } : {}) };
  }
  return { kind: 'installed', answers: installed.state.answers as Record<string, AnswerValue>, secrets, unfinished };
}
