import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../../src/core/secrets/secret.js';
import type { StackInput } from '../../../../src/core/stack.js';
import type { ExecuteContext } from '../../../../src/core/steps/kind.js';
import type { Step } from '../../../../src/core/steps/step.js';
import { blockDeviceGuardKind, execKind, type BlockDeviceGuardRun, type ExecRun } from '../../../../src/kit/steps/index.js';
import { emission } from '../../../../src/stacks/emission/index.js';
import { requireProgram, tool, TOOLS_ENV } from '../../../helpers/block-devices.js';
import { tempDir } from '../../../helpers/cli.js';

/**
 * e-mission's own disk steps, as steps() gives them, on an image file with the real cryptsetup and wipefs:
 * the guard refuses a disk that holds a file system, the format step's passphrase reaches cryptsetup on
 * stdin and opens the result, and a second run skips the format (the LUKS header is there).
 * Opening a mapping and mounting need device-mapper, absent here: their order is checked in the unit tables.
 */
requireProgram('cryptsetup');
requireProgram('wipefs');

const PASSPHRASE = 'emission data disk passphrase 7';
const ctx: ExecuteContext = { signal: new AbortController().signal, onLine: () => undefined, settings: { env: TOOLS_ENV, graceMs: 500 } };

function image(): string {
  const path = join(tempDir(), 'disk.img');
  writeFileSync(path, '');
  truncateSync(path, 32 * 1024 * 1024);
  return path;
}

function diskSteps(device: string, force = false): Map<string, Step> {
  const input: StackInput = {
    answers: { public_url: 'https://emission.example.org/', 'study.config': 's', 'auth.method': 'secret', admin_email: 'a@example.org', 'disk.enabled': true, 'disk.device': device, 'disk.force': force, 'disk.mount_point': '/mnt/emission' },
    secrets: { 'disk.passphrase': new Secret('disk.passphrase', PASSPHRASE), 'auth.client_secret': new Secret('auth.client_secret', 'x'.repeat(40)) },
    previous: {},
    dir: '/opt/emission',
  };
  return new Map(emission.steps(input).map((s) => [s.id, s]));
}

/** The format step as the stack gives it, with a fast key derivation for the test only (production keeps cryptsetup's defaults). */
const fastFormat = (run: ExecRun): ExecRun => ({ ...run, argv: [...run.argv.slice(0, -1), '--pbkdf', 'pbkdf2', '--pbkdf-force-iterations', '1000', run.argv.at(-1)!] });

describe('e-mission\'s encrypted disk steps on an image file', () => {
  it('refuse a disk that holds a file system unless forced, saying why', async () => {
    const img = image();
    tool('mkfs.ext4', ['-q', '-F', img]);
    const guard = diskSteps(img).get('disk-guard')!.run as BlockDeviceGuardRun;
    const refused = await blockDeviceGuardKind.execute!(guard, ctx);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toMatch(/ext4/);
    expect(refused.ok ? '' : refused.error).toContain('disk.force');
    expect((await blockDeviceGuardKind.execute!(diskSteps(img, true).get('disk-guard')!.run as BlockDeviceGuardRun, ctx)).ok).toBe(true);
  });

  it('format with the passphrase on stdin, which opens it; a re-run skips the format', async () => {
    const img = image();
    const steps = diskSteps(img);
    expect((await blockDeviceGuardKind.execute!(steps.get('disk-guard')!.run as BlockDeviceGuardRun, ctx)).ok).toBe(true);
    const format = steps.get('disk-format')!;
    expect(format.wipes).toEqual({ device: img });
    expect(execKind.argv!(format.run as ExecRun).join(' ')).not.toContain(PASSPHRASE);
    expect(await execKind.probe!(format.skipIf as ExecRun, ctx)).toBe(false);
    expect(await execKind.execute!(fastFormat(format.run as ExecRun), ctx)).toEqual({ ok: true });
    // The passphrase fieldstation piped opens it: cryptsetup's own test, the passphrase on its stdin.
    const open = (pass: string) => execKind.execute!({ kind: 'exec', argv: ['cryptsetup', 'open', '--test-passphrase', '--key-file', '-', img], stdin: new Secret('p', pass) }, ctx);
    expect(await open(PASSPHRASE)).toEqual({ ok: true });
    expect((await open(`${PASSPHRASE}?`)).ok).toBe(false);
    // The next apply: the LUKS header is there, so neither the guard nor the format runs again.
    expect(await execKind.probe!(format.skipIf as ExecRun, ctx)).toBe(true);
    expect(await execKind.probe!(steps.get('disk-guard')!.skipIf as ExecRun, ctx)).toBe(true);
  });
});
