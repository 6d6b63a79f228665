import { promises as fs } from 'node:fs';
import { execa } from 'execa';
import { identityFrom, wipefsSignatures, type DeviceIdentity } from '../core/devices/identity.js';

export interface BlockDevice {
  readonly path: string;
  readonly size: string;
  readonly model: string;
  readonly mounted: string | undefined;
  readonly filesystem: string | undefined;
}

/** Block devices from lsblk: the device question shows what each one is before anything is formatted. */
export async function listDevices(): Promise<readonly BlockDevice[]> {
  const r = await execa('lsblk', ['--json', '--paths', '--output', 'PATH,SIZE,MODEL,MOUNTPOINT,FSTYPE,TYPE'], { reject: false, timeout: 5000 });
  if (r.failed) return [];
  type Row = { path: string; size: string | null; model: string | null; mountpoint: string | null; fstype: string | null; type: string; children?: Row[] };
  const rows: Row[] = [];
  const walk = (list: Row[] | undefined) => list?.forEach((d) => (rows.push(d), walk(d.children)));
  walk((JSON.parse(String(r.stdout)) as { blockdevices?: Row[] }).blockdevices);
  return rows.filter((d) => d.type === 'disk' || d.type === 'part').map((d) => ({ path: d.path, size: d.size ?? '?', model: d.model?.trim() ?? '', mounted: d.mountpoint ?? undefined, filesystem: d.fstype ?? undefined }));
}

/** MOUNTPOINTS (every mount of a device) is util-linux 2.37 and later; older lsblk knows MOUNTPOINT only. */
const COLUMNS = 'PATH,SIZE,MODEL,SERIAL,TYPE,FSTYPE,PTTYPE';

type Env = Readonly<Record<string, string | undefined>>;

async function run(file: string, args: readonly string[], env: Env | undefined) {
  const r = await execa(file, args, { reject: false, timeout: 10_000, stdin: 'ignore', ...(env ? { env, extendEnv: false } : {}) });
  const code = (r.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') throw new Error(`${file} is not installed (not found on PATH): it reads what is on the device`);
  return r;
}

/** lsblk's JSON for one device and everything on it (partitions, mappings), sizes in bytes. */
async function lsblk(path: string, env: Env | undefined): Promise<unknown> {
  let r = await run('lsblk', ['--json', '--bytes', '--paths', '--output', `${COLUMNS},MOUNTPOINTS`, path], env);
  if (r.failed && /unknown column/i.test(String(r.stderr))) r = await run('lsblk', ['--json', '--bytes', '--paths', '--output', `${COLUMNS},MOUNTPOINT`, path], env);
  if (r.failed) throw new Error(`lsblk cannot read ${path}: ${String(r.stderr).trim() || `exit code ${r.exitCode}`}`);
  return JSON.parse(String(r.stdout));
}

/** What wipefs finds on the device itself: filesystems, LUKS headers, partition tables (it never writes with --no-act). */
async function wipefs(path: string, env: Env | undefined): Promise<unknown> {
  const r = await run('wipefs', ['--no-act', '--json', path], env);
  if (r.failed) throw new Error(`wipefs cannot read ${path}: ${String(r.stderr).replace(/^wipefs: (error: )?/, '').trim() || `exit code ${r.exitCode}`}`);
  // With nothing found, some versions print nothing at all.
  return String(r.stdout).trim() === '' ? { signatures: [] } : JSON.parse(String(r.stdout));
}

/** The loop devices set up on an image file: they hold it open, as a mapping holds a disk. */
async function loopsOn(path: string, env: Env | undefined): Promise<string[]> {
  const r = await run('losetup', ['--list', '--json', '--output', 'NAME', '--associated', path], env);
  if (r.failed || String(r.stdout).trim() === '') return [];
  const list = (JSON.parse(String(r.stdout)) as { loopdevices?: { name?: string }[] }).loopdevices ?? [];
  return list.flatMap((l) => (l.name ? [`${l.name} (loop)`] : []));
}

/**
 * What is on a device, read now: size, model, serial, partitions, signatures, mounts and holders (see
 * DeviceIdentity). An image file (cryptsetup formats those too) is read the same way, as far as it can be:
 * its size, its signatures, the loop devices on it. Throws, with words for people, when it cannot be read:
 * no such device, not a device, or lsblk or wipefs missing. `env`: what lsblk and wipefs run with.
 */
export async function identifyDevice(path: string, options: { env?: Env } = {}): Promise<DeviceIdentity> {
  let st;
  try {
    st = await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? String(error)})`, { cause: error });
  }
  if (st.isFile()) {
    const [signatures, holders] = await Promise.all([wipefs(path, options.env), loopsOn(path, options.env)]);
    return { path, sizeBytes: st.size, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: wipefsSignatures(signatures), mounts: [], holders };
  }
  if (!st.isBlockDevice()) throw new Error(`${path} is not a block device (nor an image file)`);
  const [rows, signatures] = await Promise.all([lsblk(path, options.env), wipefs(path, options.env)]);
  return identityFrom(rows, signatures);
}
