import { execa } from 'execa';
import { conflictMessage, tableChange, type SystemTable } from '../../core/devices/system-tables.js';
import type { Outcome } from '../../core/steps/kind.js';
import { readCurrent, writeFileAtomic } from '../files.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A new crypttab or fstab is readable by all, as Debian ships them: they name devices, never a key. */
const NEW_FILE_MODE = 0o644;

// Two steps adding to one file at once would each write their own copy: their changes of a file are queued.
const queues = new Map<string, Promise<unknown>>();
function queued<T>(file: string, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(file) ?? Promise.resolve()).then(work, work);
  queues.set(file, next.catch(() => undefined));
  return next;
}

/** The file's text, or why it must not be touched: a symbolic link is refused (never written through), as is anything but a file. */
async function current(file: string): Promise<{ ok: true; text: string | undefined; mode: number } | { ok: false; error: string }> {
  const now = await readCurrent(file);
  switch (now.kind) {
    case 'missing':
      return { ok: true, text: undefined, mode: NEW_FILE_MODE };
    case 'file':
      return { ok: true, text: now.content, mode: now.mode };
    case 'symlink':
      return { ok: false, error: `${file} is a symbolic link (to ${now.target}); fieldstation does not write through it: add the line to the file it points at yourself` };
    case 'under-a-file':
      return { ok: false, error: `${file} is below a file, not a folder` };
    default:
      return { ok: false, error: `${file} is a ${now.what}, not a file` };
  }
}

/**
 * Adds `line` to a system table once (see tableChange): atomically (a temporary file in the same folder,
 * renamed over it), keeping the file's mode. Never rewrites a line that is there.
 */
export function addTableLine(table: SystemTable, file: string, line: string): Promise<Outcome> {
  return queued(file, async () => {
    try {
      const now = await current(file);
      if (!now.ok) return now;
      const change = tableChange(table, now.text, line);
      if (change.action === 'present') return { ok: true, detail: `already in ${file}: ${line}` };
      if (change.action === 'conflict') return { ok: false, error: conflictMessage(table, file, change) };
      await writeFileAtomic(file, change.content, { mode: now.mode });
      return { ok: true, detail: `added to ${file}: ${line}` };
    } catch (error) {
      return { ok: false, error: `cannot change ${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

/** As a skip probe: the same entry is in the file already. */
export async function tableLinePresent(table: SystemTable, file: string, line: string): Promise<boolean> {
  const now = await current(file);
  return now.ok && tableChange(table, now.text, line).action === 'present';
}

/** The UUID of a device's LUKS header, from `cryptsetup luksUUID`: what crypttab names the device by. */
export async function luksUuid(device: string, env: Env, signal: AbortSignal): Promise<{ ok: true; uuid: string } | { ok: false; error: string }> {
  const r = await execa('cryptsetup', ['luksUUID', device], { env, extendEnv: false, reject: false, stdin: 'ignore', cancelSignal: signal, timeout: 30_000 });
  if ((r.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { ok: false, error: 'cryptsetup is not installed (not found on PATH)' };
  const uuid = String(r.stdout).trim();
  // cryptsetup says nothing on stderr when the device simply has no LUKS header.
  if (r.failed || !/^[0-9a-f-]{36}$/i.test(uuid)) return { ok: false, error: `${device} has no LUKS header that cryptsetup can read (\`cryptsetup luksUUID ${device}\` exited with code ${r.exitCode ?? '?'}${String(r.stderr).trim() ? `: ${String(r.stderr).trim()}` : ''})` };
  return { ok: true, uuid };
}
