import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExecuteContext } from '../../../src/core/steps/kind.js';
import { fstabEntry, fstabEntryKind, type FstabEntryRun } from '../../../src/kit/steps/index.js';
import { tempDir } from '../../helpers/cli.js';

const ctx = (lines: string[] = []): ExecuteContext => ({ signal: new AbortController().signal, onLine: (l) => lines.push(l), settings: { env: { PATH: process.env['PATH'] }, graceMs: 500 } });
const entry = (file: string, over: Partial<FstabEntryRun> = {}) => fstabEntry({ file, source: '/dev/mapper/emission-data', mountPoint: '/srv/emission', fsType: 'ext4', options: 'defaults,nofail', pass: 2, ...over });
const LINE = '/dev/mapper/emission-data /srv/emission ext4 defaults,nofail 0 2';
const DEBIAN_FSTAB = '# /etc/fstab: static file system information.\nUUID=3c1e / ext4 errors=remount-ro 0 1\n';

describe('the fstab-entry step, on a file of the test\'s own', () => {
  it('prints the line it adds and the rule', () => {
    expect(fstabEntryKind.describe(entry('/etc/fstab'))).toEqual([
      `add to /etc/fstab: ${LINE}`,
      'added once: the same entry already there is left as it is; a different one for the same mount point stops the step, both lines shown',
    ]);
    expect(fstabEntryKind.describeProbe!(entry('/etc/fstab'))).toBe('/etc/fstab has the entry for /srv/emission');
    expect(fstabEntryKind.writes!(entry('/etc/fstab'))).toEqual(['/etc']);
  });

  it('adds its line once, keeping the file\'s mode and leaving no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'fstab');
    writeFileSync(file, DEBIAN_FSTAB);
    chmodSync(file, 0o640);
    expect(await fstabEntryKind.probe!(entry(file), ctx())).toBe(false);
    const lines: string[] = [];
    expect(await fstabEntryKind.execute!(entry(file), ctx(lines))).toEqual({ ok: true, detail: `added to ${file}: ${LINE}` });
    expect(readFileSync(file, 'utf8')).toBe(`${DEBIAN_FSTAB}${LINE}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['fstab']);
    expect(lines).toEqual([`added to ${file}: ${LINE}`]);
    // Again: nothing written (the same inode), and as a probe it is there.
    const inode = statSync(file).ino;
    expect(await fstabEntryKind.execute!(entry(file), ctx())).toEqual({ ok: true, detail: `already in ${file}: ${LINE}` });
    expect(statSync(file).ino).toBe(inode);
    expect(await fstabEntryKind.probe!(entry(file), ctx())).toBe(true);
  });

  it('makes a missing table, readable by all', async () => {
    const file = join(tempDir(), 'fstab');
    expect((await fstabEntryKind.execute!(entry(file), ctx())).ok).toBe(true);
    expect([readFileSync(file, 'utf8'), statSync(file).mode & 0o777]).toEqual([`${LINE}\n`, 0o644]);
  });

  it('fails on a different entry for its mount point, showing both, and changes nothing', async () => {
    const file = join(tempDir(), 'fstab');
    const theirs = `${DEBIAN_FSTAB}/dev/sdc1 /srv/emission xfs defaults 0 2\n`;
    writeFileSync(file, theirs);
    const outcome = await fstabEntryKind.execute!(entry(file), ctx());
    expect(outcome).toEqual({ ok: false, error: `${file} already has a different entry for this mount point, and fieldstation never rewrites it:\n  there:  /dev/sdc1 /srv/emission xfs defaults 0 2\n  wanted: ${LINE}\nEdit ${file} yourself (remove or correct the line), then resume.` });
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    expect(await fstabEntryKind.probe!(entry(file), ctx())).toBe(false);
  });

  it('refuses to write through a symbolic link, or into something that is not a file', async () => {
    const dir = tempDir();
    const real = join(dir, 'real-fstab');
    writeFileSync(real, DEBIAN_FSTAB);
    symlinkSync(real, join(dir, 'fstab'));
    expect(await fstabEntryKind.execute!(entry(join(dir, 'fstab')), ctx())).toEqual({ ok: false, error: `${join(dir, 'fstab')} is a symbolic link (to ${real}); fieldstation does not write through it: add the line to the file it points at yourself` });
    expect(readFileSync(real, 'utf8')).toBe(DEBIAN_FSTAB);
    expect(await fstabEntryKind.execute!(entry(dir), ctx())).toEqual({ ok: false, error: `${dir} is a folder, not a file` });
    expect(await fstabEntryKind.execute!(entry(join(real, 'fstab')), ctx())).toEqual({ ok: false, error: `${join(real, 'fstab')} is below a file, not a folder` });
  });

  it('refuses fields that no fstab line can carry, writing nothing', async () => {
    const file = join(tempDir(), 'fstab');
    expect(await fstabEntryKind.execute!(entry(file, { mountPoint: '/srv/a\nb' }), ctx())).toEqual({ ok: false, error: 'no fstab line can be made: mountPoint holds a control character (a tab, a line break...)' });
    expect(existsSync(file)).toBe(false);
  });

  it('adds two entries given at once to one file, neither lost', async () => {
    const file = join(tempDir(), 'fstab');
    writeFileSync(file, DEBIAN_FSTAB);
    const second = entry(file, { source: '/dev/vdc', mountPoint: '/srv/b' });
    await Promise.all([fstabEntryKind.execute!(entry(file), ctx()), fstabEntryKind.execute!(second, ctx())]);
    expect(readFileSync(file, 'utf8')).toBe(`${DEBIAN_FSTAB}${LINE}\n/dev/vdc /srv/b ext4 defaults,nofail 0 2\n`);
  });
});
