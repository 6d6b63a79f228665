import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sourceForRecord } from '../core/answers/secret-source.js';
import { PreflightError } from '../core/errors.js';
import type { Plan } from '../core/plan/plan.js';
import { STATE_VERSION, type InstallState } from '../core/state/state.js';
import { ensureDir, ensurePrivateDir, removeStaleTemporaries, writeFileAtomic, type WriteOptions } from '../io/files.js';
import { sha256 } from '../io/hash.js';
import type { LoadedAnswers } from './load-answers.js';

export const STATE_DIR = '.fieldstation';

export interface ApplyResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly backupDir?: string;
  readonly statePath: string;
  readonly removedTemporaries: readonly string[];
}

const stamp = (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/**
 * Writes the planned files: the previous version of each changed file is copied to
 * .fieldstation/backups/<time>/ first, then each file is replaced atomically, then the state is saved.
 * Nothing is written when any target is blocked (a symbolic link, a folder).
 */
export async function applyPlan(
  plan: Plan,
  loaded: LoadedAnswers,
  options: { now: Date; toolVersion: string; mask: (text: string) => string; beforeRename?: WriteOptions['beforeRename'] },
): Promise<ApplyResult> {
  if (plan.blocked.length > 0) {
    throw new PreflightError(`Nothing was written: ${plan.blocked.map((b) => `${b.path} ${b.reason}`).join('; ')}.`, [
      'Replace it with a regular file (or remove it), then run apply again.',
    ]);
  }
  const { dir } = plan;
  await ensureDir(dir);
  const stateDir = join(dir, STATE_DIR);
  await ensurePrivateDir(stateDir);
  const removedTemporaries = [...(await removeStaleTemporaries(dir)), ...(await removeStaleTemporaries(stateDir))];

  const toWrite = plan.files.filter((f) => f.status !== 'unchanged');
  const changed = toWrite.filter((f) => f.status === 'changed');
  let backupDir: string | undefined;
  if (changed.length > 0) {
    backupDir = await uniqueDir(join(stateDir, 'backups'), stamp(options.now));
    for (const f of changed) {
      // join, not resolve: an absolute path lands inside the backup folder too (backups/<time>/opt/...).
      const target = join(backupDir, f.path);
      await ensurePrivateDir(dirname(target));
      // Backups of any file are private: an old .env may have held what is now in .secret.env.
      await fs.copyFile(resolve(dir, f.path), target, fs.constants.COPYFILE_EXCL);
      await fs.chmod(target, 0o600);
    }
  }
  const hook = options.beforeRename ? { beforeRename: options.beforeRename } : {};
  for (const f of toWrite) {
    const target = resolve(dir, f.path);
    // Files outside DIR (e.g. under the server's data folder) may be the first thing in their folder.
    if (f.path.startsWith('/')) await ensureDir(dirname(target));
    await writeFileAtomic(target, f.content, { mode: f.mode, ...hook });
  }

  const state: InstallState = {
    version: STATE_VERSION,
    tool: `fieldstation ${options.toolVersion}`,
    stack: plan.stack,
    appliedAt: options.now.toISOString(),
    answers: loaded.checked.answers as InstallState['answers'],
    secrets: Object.fromEntries(Object.entries(loaded.checked.secretSources).map(([id, s]) => [id, sourceForRecord(s, (p) => resolve(loaded.baseDir, p))])),
    files: plan.files.map((f) => ({ path: f.path, mode: f.mode, maskedSha256: sha256(options.mask(f.content)) })),
  };
  const statePath = join(stateDir, 'state.json');
  await writeFileAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, ...hook });
  return {
    written: toWrite.map((f) => f.path),
    unchanged: plan.files.filter((f) => f.status === 'unchanged').map((f) => f.path),
    ...(backupDir ? { backupDir } : {}),
    statePath,
    removedTemporaries,
  };
}

async function uniqueDir(parent: string, name: string): Promise<string> {
  await ensurePrivateDir(parent);
  for (let i = 0; ; i++) {
    const path = join(parent, i === 0 ? name : `${name}-${i}`);
    try {
      await fs.mkdir(path, { mode: 0o700 });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
