import { promises as fs } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sourceForRecord } from '../core/answers/secret-source.js';
import { PreflightError } from '../core/errors.js';
import { blockedMessage } from '../core/plan/plan.js';
import { STATE_VERSION, type InstallState } from '../core/state/state.js';
import { ensurePrivateDir, type WriteOptions } from '../io/files.js';
import { excludeFromGit } from '../io/git.js';
import { sha256 } from '../io/hash.js';
import type { FilesWritten } from '../core/session/outcome.js';
import type { InstallStore } from '../io/store.js';
import { absolute } from './paths.js';
import type { PlannedInstall } from './plan.js';
import type { AppDeps } from './ports.js';

export const stamp = (date: Date): string => date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/**
 * Writes the planned files: the previous version of each changed file is copied to the store's backups
 * first, then each file is replaced atomically, then the state is saved. Nothing is written when any
 * target is blocked (a symbolic link, a folder).
 */
export async function writeFiles(
  deps: Pick<AppDeps, 'files' | 'now' | 'toolVersion'>,
  store: InstallStore,
  planned: PlannedInstall,
  options: { beforeRename?: WriteOptions['beforeRename'] } = {},
): Promise<FilesWritten> {
  const { plan } = planned;
  if (plan.blocked.length > 0) {
    const { message, hints } = blockedMessage(plan.blocked);
    throw new PreflightError(message, hints);
  }
  const now = deps.now();
  await ensurePrivateDir(store.paths.root);
  // In an upstream checkout, our folder must not show in `git status` (nor be committed by accident).
  const gitExclude = await excludeFromGit(plan.dir, relative(plan.dir, store.paths.root));
  const removedTemporaries = await store.removeStaleTemporaries();

  const toWrite = plan.files.filter((f) => f.status !== 'unchanged');
  const changed = toWrite.filter((f) => f.status === 'changed');
  let backupDir: string | undefined;
  if (changed.length > 0) {
    backupDir = await store.newBackupDir(stamp(now));
    for (const f of changed) {
      // join, not resolve: an absolute path lands inside the backup folder too (backups/<time>/opt/...).
      const target = join(backupDir, f.path);
      await ensurePrivateDir(dirname(target));
      // Backups of any file are private: an old .env may have held what is now in .secret.env.
      await fs.copyFile(deps.files.real(absolute(plan.dir, f.path)), target, fs.constants.COPYFILE_EXCL);
      await fs.chmod(target, 0o600);
    }
  }
  const hook = options.beforeRename ? { beforeRename: options.beforeRename } : {};
  for (const f of toWrite) await deps.files.write(absolute(plan.dir, f.path), f.content, { mode: f.mode, ...hook });

  const { answers } = planned;
  const state: InstallState = {
    version: STATE_VERSION,
    tool: `fieldstation ${deps.toolVersion}`,
    stack: plan.stack,
    appliedAt: now.toISOString(),
    answers: answers.checked.answers as InstallState['answers'],
    secretSources: Object.fromEntries(Object.entries(answers.checked.secretSources).map(([id, s]) => [id, sourceForRecord(s, (p) => absolute(answers.baseDir, p))])),
    files: plan.files.map((f) => ({ path: f.path, mode: f.mode, maskedSha256: sha256(planned.mask(f.content)) })),
  };
  await store.saveState(state, hook);
  return {
    written: toWrite.map((f) => f.path),
    unchanged: plan.files.filter((f) => f.status === 'unchanged').map((f) => f.path),
    ...(backupDir ? { backupDir } : {}),
    statePath: store.paths.state,
    removedTemporaries,
    ...(gitExclude ? { gitExclude } : {}),
  };
}
