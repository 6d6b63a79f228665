import { constants, promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CurrentFile } from '../core/plan/plan.js';
import { PARENT_MODE } from '../kit/steps/mkdir.js';
import { makeFolders, readCurrent, readRegularFile, writeFileAtomic, type HostFileRead, type WriteOptions } from './files.js';
import { trackedByGit } from './git.js';

/**
 * The server's files on this machine: what is at a target now, and an atomic write. A stack may write
 * outside the install folder (TLS settings under the data folder); tests give a `root` so that such a
 * path lands inside their own temporary folder, and a real install elsewhere never changes a result.
 */
export interface HostFiles {
  /** Where an absolute target really is: itself, or under the tests' root. */
  real(path: string): string;
  read(path: string): Promise<CurrentFile>;
  /**
   * A file an answer points at (a certificate): a regular file of at most `maxBytes`, or why not. With
   * `tailBytes`, its last `tailBytes` bytes, whatever its size (a GeoIP database's metadata).
   */
  readAnswered(path: string, maxBytes: number, tailBytes?: number): Promise<HostFileRead>;
  /**
   * Makes the folder a target goes in and checks that it can be written: called for every target before
   * any is written, so a folder that cannot be made or written stops apply with no file changed.
   */
  prepare(path: string): Promise<void>;
  /** Writes atomically with the mode from the first byte; the folder of a target outside DIR is made. */
  write(path: string, content: string, options: WriteOptions): Promise<void>;
  /** Which of these targets a git checkout tracks (replacing them shows in `git status`). */
  tracked(paths: readonly string[]): Promise<ReadonlySet<string>>;
}

/** `env`: what git, asked which targets it tracks, runs with (its PATH finds git). */
export function hostFiles(root = '/', env: Readonly<Record<string, string | undefined>> = {}): HostFiles {
  const real = (path: string) => (root === '/' ? resolve(path) : join(root, resolve(path)));
  return {
    real,
    read: (path) => readCurrent(real(path)),
    readAnswered: (path, maxBytes, tailBytes) => readRegularFile(real(path), maxBytes, tailBytes),
    async prepare(path) {
      await makeFolders(dirname(real(path)), PARENT_MODE);
      await fs.access(dirname(real(path)), constants.W_OK);
    },
    async tracked(paths) {
      const found = await trackedByGit(paths.map(real), env);
      return new Set(paths.filter((p) => found.has(real(p))));
    },
    async write(path, content, options) {
      // The same rule as a mkdir step's missing parents: whoever reads the file must be able to reach it.
      await makeFolders(dirname(real(path)), PARENT_MODE);
      await writeFileAtomic(real(path), content, options);
    },
  };
}
