import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { listDevices } from '../../../src/io/devices.js';

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
