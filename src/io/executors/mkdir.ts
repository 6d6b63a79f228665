import { promises as fs, type Stats } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { octal } from '../../core/plan/words.js';
import { modeAndOwner, PARENT_MODE, symbolicBits, type FolderSpec, type MkdirRun } from '../../kit/steps/mkdir.js';
import { makeFolders } from '../files.js';
import type { Executor } from './types.js';

/**
 * Creates each folder with its mode (and owner, when the step names one), its missing parents 0755. A folder
 * that exists keeps its content and its owner (chowning a running database's datadir would break it) and is
 * never tightened: it only gains the permission bits its consumer needs and lacks. Each folder's line says
 * which of these happened.
 */
export const mkdirs: Executor<MkdirRun> = async (run, ctx) => {
  try {
    // Outer folders first: a folder the step names is never made as someone's parent with the parents' mode.
    const outerFirst = [...run.folders].sort((a, b) => depth(a.path) - depth(b.path));
    for (const folder of outerFirst) ctx.onLine(await ensureFolder(folder), 'info');
    return { ok: true };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' || e.code === 'EPERM'
      ? 'permission denied (run as root or as the folder\'s owner)'
      : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a file is in the way of a folder' : e.code ?? e.message;
    return { ok: false, error: `cannot create ${e.path ?? 'a folder'}: ${why}` };
  }
};

async function ensureFolder(f: FolderSpec): Promise<string> {
  const now = await statIfExists(f.path);
  if (!now) {
    const parents = await makeFolders(dirname(f.path), PARENT_MODE);
    await fs.mkdir(f.path, { mode: f.mode });
    if (f.owner) await fs.chown(f.path, f.owner.uid, f.owner.gid);
    // After chown (which may clear special bits) and past the umask: exactly the mode asked for.
    await fs.chmod(f.path, f.mode);
    return `${f.path}: created (${modeAndOwner(f)})${parents.length ? `; also its missing parents ${parents.join(', ')} (mode ${octal(PARENT_MODE)})` : ''}`;
  }
  if (!now.isDirectory()) throw Object.assign(new Error(`${f.path} is not a folder`), { code: 'EEXIST', path: f.path });
  const mode = now.mode & 0o7777;
  const lacking = f.mode & ~mode & 0o777;
  const owner = f.owner && (f.owner.uid !== now.uid || f.owner.gid !== now.gid)
    ? `; owner ${now.uid}:${now.gid} kept, not ${f.owner.uid}:${f.owner.gid} (an existing folder is never chowned)`
    : '';
  if (lacking === 0) return `${f.path}: exists (mode ${octal(mode)}), nothing to add${owner}`;
  await fs.chmod(f.path, mode | lacking);
  return `${f.path}: exists; added ${symbolicBits(lacking)} (mode ${octal(mode)} -> ${octal(mode | lacking)}) for: ${f.why}${owner}`;
}

const depth = (path: string): number => resolve(path).split(sep).length;

async function statIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
