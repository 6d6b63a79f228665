import { describe, expect, it } from 'vitest';
import { describeIdentity, deviceUse, formatBytes, identityFrom, identityRows, type DeviceIdentity } from '../../../src/core/devices/identity.js';

// Output captured from real runs (util-linux 2.38.1, Debian 12) on loop devices over 32 MiB image files.
// This machine has no udev, so lsblk's FSTYPE stays null even over ext4: wipefs reads the device itself.
const LSBLK_FRESH = { blockdevices: [{ path: '/dev/loop0', size: 33554432, model: null, serial: null, type: 'loop', fstype: null, pttype: null, mountpoints: [null] }] };
const LSBLK_MOUNTED = { blockdevices: [{ path: '/dev/loop0', size: 33554432, model: null, serial: null, type: 'loop', fstype: null, pttype: null, mountpoints: ['/tmp/cap/m'] }] };
const WIPEFS_NONE = { signatures: [] };
const WIPEFS_EXT4 = { signatures: [{ device: 'loop0', offset: '0x438', type: 'ext4', uuid: '1ecc7435-fd95-4bb0-898d-e6cf61efab38', label: null }] };
const WIPEFS_LUKS2 = { signatures: [
  { device: 'luks.img', offset: '0x0', type: 'crypto_LUKS', uuid: 'f3d82c7f-ae82-42c9-9d60-d2662847c7fd', label: null },
  { device: 'luks.img', offset: '0x4000', type: 'crypto_LUKS', uuid: 'f3d82c7f-ae82-42c9-9d60-d2662847c7fd', label: null },
] };
const WIPEFS_DOS = { signatures: [{ device: 'loop0', offset: '0x1fe', type: 'dos', uuid: null, label: null }] };

// lsblk's shape for a disk with a partition holding an open LUKS mapping that is mounted, and its MOUNTPOINT
// column as lsblk before 2.37 prints it. Written by hand: this machine has no udev to scan partitions and
// no device-mapper, so no real run can show them here.
const LSBLK_DISK = { blockdevices: [{
  path: '/dev/sdb', size: 107374182400, model: 'Samsung SSD 870 ', serial: 'S6PXNM0T', type: 'disk', fstype: null, pttype: 'gpt', mountpoints: [null],
  children: [{ path: '/dev/sdb1', size: 107372085248, model: null, serial: null, type: 'part', fstype: 'crypto_LUKS', pttype: 'gpt', mountpoints: [null],
    children: [{ path: '/dev/mapper/data', size: 107355308032, model: null, serial: null, type: 'crypt', fstype: 'ext4', pttype: null, mountpoints: ['/srv/data'] }] }],
}] };
const LSBLK_OLD = { blockdevices: [{ path: '/dev/sdc', size: '1073741824', model: null, serial: null, type: 'disk', fstype: null, pttype: null, mountpoint: '[SWAP]' }] };

describe('a device\'s identity', () => {
  it('of a fresh device: nothing on it, so not in use', () => {
    const id = identityFrom(LSBLK_FRESH, WIPEFS_NONE);
    expect(id).toEqual({ path: '/dev/loop0', sizeBytes: 33554432, model: undefined, serial: undefined, type: 'loop', partitions: [], signatures: [], mounts: [], holders: [] });
    expect(describeIdentity(id)).toBe('/dev/loop0: 32.0 MiB loop, model (none reported), serial (none reported); no partitions; no filesystem signature; not mounted');
    expect(deviceUse(id)).toEqual({ inUse: false, reasons: [] });
  });

  it('of a mounted ext4 device: the signature wipefs found, the mount, each a reason', () => {
    const id = identityFrom(LSBLK_MOUNTED, WIPEFS_EXT4);
    expect(id.signatures).toEqual([{ type: 'ext4', offset: '0x438' }]);
    expect(describeIdentity(id)).toContain('; signatures: ext4 at 0x438; mounted at /tmp/cap/m');
    expect(deviceUse(id)).toEqual({ inUse: true, reasons: ['mounted at /tmp/cap/m', 'has a signature: ext4 (at 0x438)'] });
  });

  it('of a LUKS2 device: its two headers are one reason; a partition table is one too', () => {
    expect(deviceUse(identityFrom(LSBLK_FRESH, WIPEFS_LUKS2)).reasons).toEqual(['has a signature: crypto_LUKS (at 0x0, 0x4000)']);
    expect(deviceUse(identityFrom(LSBLK_FRESH, WIPEFS_DOS)).reasons).toEqual(['has a signature: dos (at 0x1fe)']);
  });

  it('of a partitioned disk: partitions, the mapping on them and its mount, model and serial trimmed', () => {
    const id = identityFrom(LSBLK_DISK, WIPEFS_NONE);
    expect(id).toMatchObject({ model: 'Samsung SSD 870', serial: 'S6PXNM0T', partitions: ['/dev/sdb1'], holders: ['/dev/mapper/data (crypt)'], mounts: ['/srv/data'] });
    // udev's PTTYPE counts when wipefs found nothing (it did not name it).
    expect(id.signatures).toEqual([{ type: 'gpt' }]);
    expect(describeIdentity(id)).toBe('/dev/sdb: 100.0 GiB disk, model Samsung SSD 870, serial S6PXNM0T; partitions /dev/sdb1; signatures: gpt; mounted at /srv/data; held by /dev/mapper/data (crypt)');
    expect(deviceUse(id).reasons).toEqual(['mounted at /srv/data', 'has partitions: /dev/sdb1', 'has a signature: gpt', 'is held open by /dev/mapper/data (crypt)']);
  });

  it('as labelled rows for the confirmation screen: what the disk is, and what is on it', () => {
    expect(identityRows(identityFrom(LSBLK_DISK, WIPEFS_NONE))).toEqual([
      ['Device', '/dev/sdb (disk)'],
      ['Size', '100.0 GiB (107374182400 bytes)'],
      ['Model', 'Samsung SSD 870'],
      ['Serial', 'S6PXNM0T'],
      ['Partitions', '/dev/sdb1'],
      ['Signatures', 'gpt'],
      ['Mounted', '/srv/data'],
      ['Held by', '/dev/mapper/data (crypt)'],
    ]);
    expect(identityRows(identityFrom(LSBLK_FRESH, WIPEFS_LUKS2))).toEqual([
      ['Device', '/dev/loop0 (loop)'],
      ['Size', '32.0 MiB (33554432 bytes)'],
      ['Model', '(none reported)'],
      ['Serial', '(none reported)'],
      ['Partitions', 'none'],
      ['Signatures', 'crypto_LUKS at 0x0, crypto_LUKS at 0x4000'],
      ['Mounted', 'not mounted'],
    ]);
    // An image file has no model or serial to show.
    const file: DeviceIdentity = { path: '/tmp/vault.img', sizeBytes: 1536, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: [], mounts: [], holders: [] };
    expect(identityRows(file).map(([label]) => label)).toEqual(['Device', 'Size', 'Partitions', 'Signatures', 'Mounted']);
    expect(identityRows(file)[0]).toEqual(['Device', '/tmp/vault.img (an image file)']);
  });

  it('from an older lsblk: MOUNTPOINT instead of MOUNTPOINTS, sizes as text', () => {
    const id = identityFrom(LSBLK_OLD, WIPEFS_NONE);
    expect([id.sizeBytes, id.mounts]).toEqual([1073741824, ['[SWAP]']]);
    expect(deviceUse(id).reasons).toEqual(['mounted at [SWAP]']);
  });

  it('of an image file names what it is, without model or serial', () => {
    const id: DeviceIdentity = { path: '/tmp/vault.img', sizeBytes: 1536, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: [], mounts: [], holders: ['/dev/loop3 (loop)'] };
    expect(describeIdentity(id)).toBe('/tmp/vault.img: 1.5 KiB image file; no partitions; no filesystem signature; not mounted; held by /dev/loop3 (loop)');
    expect(deviceUse(id).reasons).toEqual(['is held open by /dev/loop3 (loop)']);
  });

  it('refuses lsblk output without a device', () => {
    expect(() => identityFrom({ blockdevices: [] }, WIPEFS_NONE)).toThrow('lsblk reported no device');
  });

  it('sizes in binary units, as disks are compared', () => {
    expect([formatBytes(512), formatBytes(1024), formatBytes(100 * 1024 ** 3), formatBytes(4 * 1024 ** 4)]).toEqual(['512 B', '1.0 KiB', '100.0 GiB', '4.0 TiB']);
  });
});
