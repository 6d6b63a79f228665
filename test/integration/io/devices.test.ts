import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceUse } from '../../../src/core/devices/identity.js';
import type { ExecuteContext } from '../../../src/core/steps/kind.js';
import { identifyDevice, listDevices } from '../../../src/io/devices.js';
import { blockDeviceGuard, blockDeviceGuardKind } from '../../../src/kit/steps/index.js';
import { loopDevice, mountOn, requireProgram, tool, TOOLS_ENV } from '../../helpers/block-devices.js';
import { tempDir } from '../../helpers/cli.js';

describe('the block devices offered by a device question', () => {
  it('are the disks and partitions lsblk reports, with size and where they are mounted', async () => {
    const devices = await listDevices();
    // The same facts, asked of lsblk in its plain list form.
    const rows = execFileSync('lsblk', ['--list', '--noheadings', '--paths', '--output', 'PATH,TYPE,MOUNTPOINT'], { encoding: 'utf8' })
      .trim().split('\n').map((l) => l.trim().split(/\s+/)).filter(([, type]) => type === 'disk' || type === 'part');
    expect(devices.map((d) => d.path)).toEqual(rows.map(([path]) => path));
    for (const [path, , mount] of rows) expect(devices.find((d) => d.path === path)?.mounted).toBe(mount);
    for (const d of devices) expect(d.size).not.toBe('');
  });
});

/** A 32 MiB image file in a fresh folder. */
function image(name = 'disk.img'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, '');
  truncateSync(path, 32 * 1024 * 1024);
  return path;
}

/** A partition table with one partition, as fdisk would write it (MBR: one entry, then the 0x55AA mark). */
function writeDosTable(path: string): void {
  const mbr = Buffer.alloc(512);
  mbr.writeUInt8(0x83, 0x1be + 4);
  mbr.writeUInt32LE(2048, 0x1be + 8);
  mbr.writeUInt32LE(8192, 0x1be + 12);
  mbr.writeUInt16LE(0xaa55, 510);
  execFileSync('dd', [`of=${path}`, 'conv=notrunc', 'status=none'], { input: mbr });
}

/** A loop device with an ext4 filesystem, mounted on a folder of the test's. */
function mountedExt4(): { device: string; mnt: string } {
  const img = image();
  tool('mkfs.ext4', ['-q', img]);
  const device = loopDevice(img);
  const mnt = join(tempDir(), 'mnt');
  mkdirSync(mnt);
  mountOn(device, mnt);
  return { device, mnt };
}

const ctx = (lines: string[] = []): ExecuteContext => ({ signal: new AbortController().signal, onLine: (l) => lines.push(l), settings: { env: TOOLS_ENV, graceMs: 500 } });

describe('a device\'s identity, read from a real loop device', () => {
  for (const p of ['lsblk', 'wipefs', 'losetup', 'mount', 'mkfs.ext4', 'cryptsetup']) requireProgram(p);

  it('of a fresh device: its size and type, nothing on it', async () => {
    const device = loopDevice(image());
    const id = await identifyDevice(device, { env: TOOLS_ENV });
    expect(id).toMatchObject({ path: device, sizeBytes: 32 * 1024 * 1024, type: 'loop', partitions: [], signatures: [], mounts: [], holders: [] });
    expect(deviceUse(id).inUse).toBe(false);
  });

  it('of a device with a filesystem, mounted: the ext4 signature and the mount', async () => {
    const { device, mnt } = mountedExt4();
    const id = await identifyDevice(device, { env: TOOLS_ENV });
    expect(id.signatures).toEqual([{ type: 'ext4', offset: '0x438' }]);
    expect(deviceUse(id).reasons).toEqual([`mounted at ${mnt}`, 'has a signature: ext4 (at 0x438)']);
  });

  it('of a device with a LUKS header or a partition table', async () => {
    const luks = image();
    tool('cryptsetup', ['luksFormat', '--batch-mode', '--type', 'luks2', '--pbkdf', 'pbkdf2', '--pbkdf-force-iterations', '1000', '--key-file', '-', luks], 'a passphrase of the test');
    expect(deviceUse(await identifyDevice(loopDevice(luks), { env: TOOLS_ENV })).reasons).toEqual(['has a signature: crypto_LUKS (at 0x0, 0x4000)']);
    const dos = image();
    writeDosTable(dos);
    expect(deviceUse(await identifyDevice(loopDevice(dos), { env: TOOLS_ENV })).reasons).toEqual(['has a signature: dos (at 0x1fe)']);
  });

  it('of an image file: its size, its signatures, the loop devices on it', async () => {
    const img = image();
    expect(await identifyDevice(img, { env: TOOLS_ENV })).toEqual({ path: img, sizeBytes: 32 * 1024 * 1024, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: [], mounts: [], holders: [] });
    const device = loopDevice(img);
    expect((await identifyDevice(img, { env: TOOLS_ENV })).holders).toEqual([`${device} (loop)`]);
  });

  it('cannot be read from what is not there, or not a device', async () => {
    const dir = tempDir();
    await expect(identifyDevice(join(dir, 'nope'), { env: TOOLS_ENV })).rejects.toThrow(`${join(dir, 'nope')} does not exist`);
    await expect(identifyDevice(dir, { env: TOOLS_ENV })).rejects.toThrow(`${dir} is not a block device (nor an image file)`);
  });
});

describe('the block-device guard step', () => {
  it('lets a fresh device through, with its identity as the detail', async () => {
    const device = loopDevice(image());
    const lines: string[] = [];
    const outcome = await blockDeviceGuardKind.execute!(blockDeviceGuard({ device, force: false }), ctx(lines));
    expect(outcome).toEqual({ ok: true, detail: `${device}: 32.0 MiB loop, model (none reported), serial (none reported); no partitions; no filesystem signature; not mounted` });
    expect(lines).toEqual([outcome.ok && outcome.detail]);
  });

  it('refuses a device in use with every reason and the way to force it; forced, it goes on', async () => {
    const { device, mnt } = mountedExt4();
    const run = blockDeviceGuard({ device, force: false, forceHint: 'set data_disk.force: true in the answers' });
    expect(await blockDeviceGuardKind.execute!(run, ctx())).toEqual({
      ok: false,
      error: `${device} is in use, so it was left alone: mounted at ${mnt}; has a signature: ext4 (at 0x438). Check that it is the device you mean. If it is the right device and what is on it may go, set data_disk.force: true in the answers.`,
    });
    const lines: string[] = [];
    const forced = await blockDeviceGuardKind.execute!({ ...run, force: true }, ctx(lines));
    expect(forced.ok).toBe(true);
    expect(lines[1]).toBe(`in use, and forced: mounted at ${mnt}; has a signature: ext4 (at 0x438)`);
  });

  it('fails, saying why, when the device cannot be read', async () => {
    const outcome = await blockDeviceGuardKind.execute!(blockDeviceGuard({ device: '/dev/fieldstation-no-such-disk', force: true }), ctx());
    expect(outcome).toEqual({ ok: false, error: 'cannot tell what is on /dev/fieldstation-no-such-disk: /dev/fieldstation-no-such-disk does not exist' });
  });

  it('describes what it checks, and how it is forced', () => {
    expect(blockDeviceGuardKind.describe(blockDeviceGuard({ device: '/dev/sdb', force: false, forceHint: 'answer data_disk.force: true' }))).toEqual([
      'read what is on /dev/sdb (lsblk, wipefs --no-act): size, model, serial, partitions, signatures, mounts, holders',
      'refuse if it is mounted, partitioned, holds a filesystem, LUKS or partition-table signature, or is held open (to use it anyway: answer data_disk.force: true)',
    ]);
  });
});
