import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RunLog {
  readonly path: string;
  write(line: string): void;
  close(): void;
}

/**
 * The log of one run: <dir>/<time>.log, mode 0600, created new (never through a link). Writes are
 * synchronous so that what happened before a kill or a dropped connection is on disk. The caller masks
 * every line before it gets here.
 */
export function openRunLog(dir: string, stamp: string): RunLog {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let path = join(dir, `${stamp}.log`);
  let fd: number | undefined;
  for (let i = 1; fd === undefined; i++) {
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_APPEND, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      path = join(dir, `${stamp}-${i}.log`);
    }
  }
  const handle = fd;
  return {
    path,
    write(line) {
      writeSync(handle, `${line}\n`);
    },
    close() {
      closeSync(handle);
    },
  };
}
