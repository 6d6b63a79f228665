import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
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

/** Why a folder cannot be made or written, by the system's error code. */
const FOLDER_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EEXIST: 'a part of its path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'its path is too long',
};

/**
 * Makes the folder of every file to write, and checks each can be written, before any file is: a data
 * folder apply may not create (without sudo, or on a read-only disk) would otherwise stop it after the
 * install folder's files were written. The preflight checks look at this too, but --skip-bootstrap skips them.
 */
async function prepareFolders(deps: Pick<AppDeps, 'files'>, paths: readonly string[]): Promise<void> {
  const failed: string[] = [];
  for (const path of paths) {
    try {
      await deps.files.prepare(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      failed.push(`${dirname(path)} (for ${path.slice(dirname(path).length + 1)}): ${FOLDER_PROBLEMS[code] ?? code}`);
    }
  }
  if (failed.length > 0) {
    throw new PreflightError(`Nothing was written: cannot make or write the folder ${failed.join('; ')}.`, [
      'Run apply as a user who may write there (e.g. sudo -E), or choose another folder in the answers, then run it again.',
    ]);
  }
}

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
  const toWrite = plan.files.filter((f) => f.status !== 'unchanged');
  await prepareFolders(deps, toWrite.map((f) => absolute(plan.dir, f.path)));
  const now = deps.now();
  await ensurePrivateDir(store.paths.root);
  // In an upstream checkout, our folder and the files we add (not upstream's own) must not show in
  // `git status`, nor be committed by accident; upstream's tracked files are marked in the plan instead.
  const added = plan.files.filter((f) => !f.tracked && !isAbsolute(f.path)).map((f) => f.path);
  const gitExclude = await excludeFromGit(plan.dir, [`${relative(plan.dir, store.paths.root)}/`, ...added]);
  const removedTemporaries = await store.removeStaleTemporaries();

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
