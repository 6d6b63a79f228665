import type { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import { exec, pathExists } from '../../kit/steps/index.js';

/** The name of the opened disk: /dev/mapper/emission-data. */
export const MAPPER = 'emission-data';

export const diskStepKinds = [];

/**
 * The encrypted disk, as the seed does it (luksFormat, open, mkfs, mount), made safe to re-run: each step
 * is skipped when its work is there, so a second apply never formats anything. The passphrase reaches
 * cryptsetup on stdin only (`--key-file -`).
 */
export function diskSteps({ answers, secrets }: StackInput): Step[] {
  const device = String(answers['disk.device']);
  const mount = String(answers['disk.mount_point']);
  const passphrase = secrets['disk.passphrase'] as Secret;
  const mapped = `/dev/mapper/${MAPPER}`;
  return [
    {
      id: 'disk-format',
      title: `${device} encrypted (LUKS2)`,
      run: exec(['cryptsetup', 'luksFormat', '--batch-mode', '--type', 'luks2', '--key-file', '-', device], { stdin: passphrase }),
      skipIf: exec(['cryptsetup', 'isLuks', device]),
      destructive: true,
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
  ];
}
