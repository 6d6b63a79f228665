import type { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { blockDeviceGuard, blockDeviceGuardKind, crypttabEntry, crypttabEntryKind, exec, fstabEntry, fstabEntryKind, pathExists } from '../../kit/steps/index.js';

/** The name of the opened disk: /dev/mapper/emission-data. */
export const MAPPER = 'emission-data';

export const diskStepKinds = [blockDeviceGuardKind, crypttabEntryKind, fstabEntryKind];

/**
 * The encrypted disk, as the seed does it (luksFormat, open, mkfs, mount), made safe: the device's identity
 * is checked first (mounted, partitioned or holding a file system: refused unless disk.force), formatting
 * runs only after the device path is typed back (or named with --wipe-device), and each step is skipped when
 * its work is there, so a re-run never formats anything. The passphrase reaches cryptsetup on stdin only.
 */
export function diskSteps({ answers, secrets }: StackInput): Step[] {
  const device = String(answers['disk.device']);
  const mount = String(answers['disk.mount_point']);
  const passphrase = secrets['disk.passphrase'] as Secret;
  const mapped = `/dev/mapper/${MAPPER}`;
  // A LUKS header there already: this disk was formatted by an earlier run (or opened by hand) and is kept.
  const isLuks = exec(['cryptsetup', 'isLuks', device]);
  return [
    {
      id: 'disk-guard',
      title: `${device} is a disk nothing uses`,
      run: blockDeviceGuard({ device, force: answers['disk.force'] === true, forceHint: 'If you know what is on it and want it destroyed, answer disk.force: true.' }),
      skipIf: isLuks,
    },
    {
      id: 'disk-format',
      title: `${device} encrypted (LUKS2): everything on it is erased`,
      run: exec(['cryptsetup', 'luksFormat', '--batch-mode', '--type', 'luks2', '--key-file', '-', device], { stdin: passphrase }),
      skipIf: isLuks,
      destructive: true,
      wipes: { device },
      dependsOn: ['disk-guard'],
    },
    {
      id: 'disk-open',
      title: `${device} opened as ${mapped}`,
      run: exec(['cryptsetup', 'open', '--type', 'luks2', '--key-file', '-', device, MAPPER], { stdin: passphrase }),
      skipIf: pathExists(mapped),
      dependsOn: ['disk-format'],
    },
    {
      id: 'disk-mkfs',
      title: `ext4 file system made on ${mapped}`,
      run: exec(['mkfs.ext4', '-q', '-L', MAPPER, mapped]),
      // A file system already there (a re-run, or a disk opened by hand) is kept.
      skipIf: exec(['blkid', '-p', mapped]),
      destructive: true,
      dependsOn: ['disk-open'],
    },
    { id: 'disk-mount-point', title: `Mount point ${mount} created`, run: exec(['mkdir', '-p', '--', mount]), dependsOn: ['disk-mkfs'] },
    { id: 'disk-mount', title: `${mapped} mounted at ${mount}`, run: exec(['mount', mapped, mount]), skipIf: exec(['mountpoint', '-q', '--', mount]), dependsOn: ['disk-mount-point'] },
    {
      // noauto: booting never stops to ask for the passphrase (a cloud VM has no console to type it on).
      id: 'disk-crypttab',
      title: `${MAPPER} listed in /etc/crypttab (opened by hand after a reboot)`,
      run: crypttabEntry({ file: '/etc/crypttab', name: MAPPER, device, options: 'luks,noauto' }),
      dependsOn: ['disk-format'],
    },
    {
      id: 'disk-fstab',
      title: `${mount} listed in /etc/fstab (mounted by hand after a reboot)`,
      run: fstabEntry({ file: '/etc/fstab', source: mapped, mountPoint: mount, fsType: 'ext4', options: 'noauto,nofail', pass: 0 }),
      dependsOn: ['disk-mount'],
    },
  ];
}
