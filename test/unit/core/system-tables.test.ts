import { describe, expect, it } from 'vitest';
import { conflictMessage, crypttabLine, fstabLine, tableChange, tableFieldProblems } from '../../../src/core/devices/system-tables.js';

const CRYPT = crypttabLine({ name: 'emission-data', device: 'UUID=f3d82c7f-ae82-42c9-9d60-d2662847c7fd', keyFile: 'none', options: 'luks' });
const FSTAB = fstabLine({ source: '/dev/mapper/emission-data', mountPoint: '/srv/emission', fsType: 'ext4', options: 'defaults,nofail', pass: 2 });

describe('a line in a system table', () => {
  it('is written in the format\'s own fields', () => {
    expect(CRYPT).toBe('emission-data UUID=f3d82c7f-ae82-42c9-9d60-d2662847c7fd none luks');
    expect(FSTAB).toBe('/dev/mapper/emission-data /srv/emission ext4 defaults,nofail 0 2');
    // fstab(5): a space in a mount point is \040 (and a backslash \134), or the line would have more fields.
    expect(fstabLine({ source: '/dev/vdb', mountPoint: '/srv/my data', fsType: 'ext4', options: '', pass: 0 })).toBe('/dev/vdb /srv/my\\040data ext4 defaults 0 0');
  });

  it('is added at the end of the file, which gains its last line break; a missing file is made', () => {
    expect(tableChange('crypttab', undefined, CRYPT)).toEqual({ action: 'add', content: `${CRYPT}\n` });
    expect(tableChange('crypttab', '# <target name> <source device> <key file> <options>\n', CRYPT)).toEqual({ action: 'add', content: `# <target name> <source device> <key file> <options>\n${CRYPT}\n` });
    expect(tableChange('fstab', 'UUID=1 / ext4 errors=remount-ro 0 1', FSTAB)).toEqual({ action: 'add', content: `UUID=1 / ext4 errors=remount-ro 0 1\n${FSTAB}\n` });
  });

  it('is there when an entry with its key means the same, whatever the spacing or the defaults left out', () => {
    expect(tableChange('crypttab', `emission-data\tUUID=f3d82c7f-ae82-42c9-9d60-d2662847c7fd   none luks\n`, CRYPT)).toEqual({ action: 'present' });
    expect(tableChange('crypttab', 'x UUID=1 - \n', crypttabLine({ name: 'x', device: 'UUID=1', keyFile: 'none', options: '' }))).toEqual({ action: 'present' });
    expect(tableChange('fstab', '/dev/vdb  /srv/x/  ext4\n', fstabLine({ source: '/dev/vdb', mountPoint: '/srv/x', fsType: 'ext4', options: 'defaults', pass: 0 }))).toEqual({ action: 'present' });
    expect(tableChange('fstab', '/dev/vdb /srv/my\\040data ext4 defaults 0 0\n', fstabLine({ source: '/dev/vdb', mountPoint: '/srv/my data', fsType: 'ext4', options: '', pass: 0 }))).toEqual({ action: 'present' });
  });

  it('conflicts with a different entry for its key, which is never rewritten: both lines are shown', () => {
    const other = 'emission-data /dev/sdb none luks,discard';
    expect(tableChange('crypttab', `# comment\n${other}\n`, CRYPT)).toEqual({ action: 'conflict', existing: other, wanted: CRYPT });
    const change = tableChange('fstab', '/dev/sdc1 /srv/emission xfs defaults 0 2\n', FSTAB);
    expect(change).toEqual({ action: 'conflict', existing: '/dev/sdc1 /srv/emission xfs defaults 0 2', wanted: FSTAB });
    expect(conflictMessage('fstab', '/etc/fstab', change as { existing: string; wanted: string })).toBe(
      '/etc/fstab already has a different entry for this mount point, and fieldstation never rewrites it:\n' +
        '  there:  /dev/sdc1 /srv/emission xfs defaults 0 2\n' +
        `  wanted: ${FSTAB}\n` +
        'Edit /etc/fstab yourself (remove or correct the line), then resume.',
    );
  });

  it('ignores comments and entries for other keys', () => {
    expect(tableChange('crypttab', '#emission-data /dev/sdb none\nother UUID=2 none luks\n', CRYPT).action).toBe('add');
    expect(tableChange('fstab', '# /dev/sdc1 /srv/emission xfs\n/dev/sdc1 /srv/emission2 xfs defaults 0 2\n', FSTAB).action).toBe('add');
  });

  it('cannot be made from fields the format cannot carry', () => {
    expect(tableFieldProblems('crypttab', { name: 'my data', options: 'luks' })).toEqual(['name holds a space, which crypttab cannot carry']);
    expect(tableFieldProblems('crypttab', { name: '#x', options: '' })).toEqual(['name starts with #, which makes the line a comment']);
    expect(tableFieldProblems('fstab', { source: '/dev/vdb', mountPoint: '/srv/a\nb', fsType: '', options: '' })).toEqual(['mountPoint holds a control character (a tab, a line break...)', 'fsType is empty']);
    expect(tableFieldProblems('fstab', { source: '/dev/vdb', mountPoint: '/srv/my data', fsType: 'ext4', options: '' })).toEqual([]);
  });
});
