import { promises as fs } from 'node:fs';
import type { Executor } from './types.js';

/** Creates folders (and parents) and sets their mode; folders that exist keep their content. */
export const mkdirs: Executor<'mkdir'> = async (run, ctx) => {
  try {
    for (const path of run.paths) {
      const made = await fs.mkdir(path, { recursive: true, mode: run.mode });
      await fs.chmod(path, run.mode);
      ctx.onLine(`${path}: ${made ? 'created' : 'exists'}`, 'info');
    }
    return { ok: true };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, error: `cannot create ${e.path ?? 'a folder'}: ${e.code === 'EACCES' ? 'permission denied (run as root or as the folder\'s owner)' : e.code ?? e.message}` };
  }
};
