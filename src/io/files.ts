import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CurrentFile } from '../core/plan/plan.js';

const TMP_MARK = '.fieldstation-tmp-';

// Small files are read synchronously: a command that only reads (plan, validate, the wizard's first
// screen) then never starts libuv's thread pool or loads fs/promises, which costs it milliseconds.

/** What is at a path now, without following a symbolic link. */
export async function readCurrent(path: string): Promise<CurrentFile> {
  let st;
  try {
    // A missing file (every file of a first plan) builds no error: undefined is ENOENT.
    st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined) return { kind: 'missing' };
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

/** A file an answer points at: its bytes, or why it cannot be read, as words that follow "which". */
export type HostFileRead = { readonly bytes: Uint8Array } | { readonly problem: string };

/**
 * Reads a regular file of at most `maxBytes`, following symbolic links (Let's Encrypt's live/ files are
 * links). Anything else is refused before it is read: a FIFO would block and a device could be endless.
 * It is opened non-blocking and checked again on the open file, in case it was swapped after the first look.
 * With `tailBytes`, only the file's last `tailBytes` bytes are read, from their position (a 60 MB GeoIP
 * database keeps its metadata at its end), and `maxBytes` limits what is read, not the file.
 */
export async function readRegularFile(path: string, maxBytes: number, tailBytes?: number): Promise<HostFileRead> {
  const cannot = (error: unknown): HostFileRead => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'does not exist' };
    if (code === 'ENOTDIR') return { problem: 'does not exist (a part of its path is a file)' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot be read by this user (permission denied)' };
    return { problem: `cannot be read (${code ?? String(error)})` };
  };
  const tooLarge: HostFileRead = { problem: `is larger than ${maxBytes / 1024 / 1024} MiB, far more than such a file holds` };
  const toRead = (size: number) => (tailBytes === undefined ? size : Math.min(size, tailBytes));
  const kind = (st: { isFile(): boolean; isDirectory(): boolean; size: number }): HostFileRead | undefined => {
    if (st.isDirectory()) return { problem: 'is a folder, not a file' };
    if (!st.isFile()) return { problem: 'is not a regular file (a FIFO, a socket or a device)' };
    if (toRead(st.size) > maxBytes) return tooLarge;
    return undefined;
  };
  // Synchronous calls on purpose: the files are small (a certificate, a database's last 128 KiB), and the
  // first asynchronous one would start libuv's thread pool and node's FileHandle machinery, which cost a
  // plan of Ichnaea about 4 ms (measured) before anything was read.
  let fd: number;
  try {
    const refused = kind(statSync(path));
    if (refused) return refused;
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return cannot(error);
  }
  try {
    const st = fstatSync(fd);
    const refused = kind(st);
    if (refused) return refused;
    // The whole file from its start, or its tail from where the tail starts now.
    const wanted = toRead(st.size);
    const from = tailBytes === undefined ? 0 : st.size - wanted;
    // One byte more than its size tells a file that grew since its size was read: a file being written.
    const buffer = Buffer.allocUnsafe(wanted + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, from + length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > wanted) return { problem: 'grew while it was read (is it being written?): try again once it is complete' };
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return cannot(error);
  } finally {
    closeSync(fd);
  }
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
