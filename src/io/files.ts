import { constants, lstatSync, promises as fs, readFileSync, readlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CurrentFile } from '../core/plan/plan.js';

const TMP_MARK = '.fieldstation-tmp-';

// Small files are read synchronously: a command that only reads (plan, validate, the wizard's first
// screen) then never starts libuv's thread pool or loads fs/promises, which costs it milliseconds.

/** What is at a path now, without following a symbolic link. */
export async function readCurrent(path: string): Promise<CurrentFile> {
  let st;
  try {
    st = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    // A data folder answered as /srv/x/data where /srv/x is a file: the plan says so, apply writes nothing.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return { kind: 'under-a-file' };
    throw error;
  }
  if (st.isSymbolicLink()) return { kind: 'symlink', target: readlinkSync(path) };
  if (!st.isFile()) return { kind: 'other', what: st.isDirectory() ? 'folder' : 'special file' };
  return { kind: 'file', content: readFileSync(path, 'utf8'), mode: st.mode & 0o777 };
}

/**
 * A file's bytes; a missing file is an error (with its code). Bytes, not text: what reads them decides
 * what bytes that are not UTF-8 mean (Node's 'utf8' would turn them into U+FFFD without a word).
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  return readFileSync(path);
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface WriteOptions {
  readonly mode: number;
  /** Test hook: called after the temporary file is complete and before it replaces the target. */
  readonly beforeRename?: (tmpPath: string) => Promise<void>;
}

/**
 * Replaces `path` with `content` so that, killed at any moment, the file is either the old or the new
 * version: a temporary file in the same folder, created with its final mode (0600 for secrets, so the value
 * is never readable by others even for an instant), flushed to disk, then renamed over the target. A
 * symbolic link at the target is refused, never followed or replaced.
 */
export async function writeFileAtomic(path: string, content: string, options: WriteOptions): Promise<void> {
  const dir = dirname(path);
  // node:crypto loads only when something is written: reading commands (plan, doctor) never pay for it.
  const { randomBytes } = await import('node:crypto');
  const tmp = join(dir, `.${basename(path)}${TMP_MARK}${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, options.mode);
  try {
    // The umask may have narrowed the mode at creation; set it exactly (never wider than asked).
    await handle.chmod(options.mode);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await options.beforeRename?.(tmp);
    const now = await readCurrent(path);
    if (now.kind === 'symlink' || now.kind === 'other') throw new Error(`${path} became a ${now.kind === 'symlink' ? 'symbolic link' : now.what} while fieldstation was writing; not replaced`);
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Makes a rename durable: the folder's entry must reach the disk too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary files left by a run that was killed before its rename. They may hold secrets: remove them. */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => n.startsWith('.') && n.includes(TMP_MARK));
  await Promise.all(stale.map((n) => fs.rm(join(dir, n), { force: true })));
  return stale;
}

/** Creates a folder (and its parents) for our own records, private to the owner. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true, mode: 0o700 });
  await fs.chmod(path, 0o700);
}

/**
 * Creates a folder and its missing parents, each with exactly `mode` (set again after mkdir: the umask
 * may have narrowed it). Folders that exist are left as they are. Returns the folders it made, outermost
 * first; one made meanwhile by someone else is not counted.
 */
export async function makeFolders(path: string, mode: number): Promise<string[]> {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      await fs.stat(p);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.unshift(p);
      if (dirname(p) === p) break;
    }
  }
  const made: string[] = [];
  for (const p of missing) {
    try {
      // A file in the way fails here with ENOTDIR or EEXIST, naming the path.
      await fs.mkdir(p, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await fs.stat(p)).isDirectory()) continue;
      throw error;
    }
    await fs.chmod(p, mode);
    made.push(p);
  }
  return made;
}
