import { promises as fs } from 'node:fs';
import type { MkdirRun } from '../../kit/steps/mkdir.js';
import type { Executor } from './types.js';

/**
 * Creates folders (and parents) and sets their mode, and their owner when the step names one; folders that
 * exist keep their content. Mode and owner are set every time, so a folder always ends as the step says.
 */
export const mkdirs: Executor<MkdirRun> = async (run, ctx) => {
  try {
    for (const path of run.paths) {
      const made = await fs.mkdir(path, { recursive: true, mode: run.mode });
      if (run.owner) await fs.chown(path, run.owner.uid, run.owner.gid);
      await fs.chmod(path, run.mode);
      ctx.onLine(`${path}: ${made ? 'created' : 'exists'}`, 'info');
    }
    return { ok: true };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, error: `cannot create ${e.path ?? 'a folder'}: ${e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied (run as root or as the folder\'s owner)' : e.code ?? e.message}` };
  }
};
