import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach } from 'vitest';
// First: its folders are removed after this file's devices are unmounted and detached (after-hooks run last-in, first-out).
import './cli.js';
import { SERVICE_PATH } from './services.js';

/**
 * Real block devices for tests: loop devices over image files in the test's own folder (root, and a
 * kernel with /dev/loop-control), detached after the test. The programs are the real ones; a missing one
 * is an error naming its Debian package: these tests fail, never skip.
 */

/** Debian keeps cryptsetup, wipefs and losetup in /usr/sbin, which a non-login PATH may lack. */
export const TOOLS_ENV = { PATH: SERVICE_PATH };

const PACKAGES: Readonly<Record<string, string>> = { cryptsetup: 'cryptsetup-bin', losetup: 'mount', mount: 'mount', umount: 'mount', lsblk: 'util-linux', wipefs: 'util-linux', 'mkfs.ext4': 'e2fsprogs' };

/** Fails the test, naming the package, when a program is missing. */
export function requireProgram(program: string): void {
  const r = spawnSync(program, ['--version'], { env: TOOLS_ENV, encoding: 'utf8' });
  if (r.error) throw new Error(`${program} is not installed (not found on ${TOOLS_ENV.PATH}); this test runs the real one: apt-get install -y ${PACKAGES[program] ?? program}`);
}

/** Runs a program with the tools' PATH; its stdout. Throws with its stderr when it fails. */
export function tool(program: string, args: readonly string[], input?: string): string {
  return execFileSync(program, args, { env: TOOLS_ENV, encoding: 'utf8', ...(input !== undefined ? { input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
}

const attached: string[] = [];
const mounted: string[] = [];

/** A loop device over the image file, detached (and unmounted first, if mounted by `mountOn`) after the test. */
export function loopDevice(image: string): string {
  requireProgram('losetup');
  let device: string;
  try {
    device = tool('losetup', ['--find', '--show', image]).trim();
  } catch (error) {
    throw new Error(`losetup cannot attach a loop device (these tests need root and /dev/loop-control): ${String((error as { stderr?: string }).stderr ?? error)}`, { cause: error });
  }
  attached.push(device);
  return device;
}

/** Mounts the device on the folder, unmounted after the test. */
export function mountOn(device: string, folder: string): void {
  tool('mount', [device, folder]);
  mounted.push(folder);
}

afterEach(() => {
  for (const folder of mounted.splice(0).reverse()) spawnSync('umount', [folder], { env: TOOLS_ENV });
  // Only the devices this test attached, by name.
  for (const device of attached.splice(0)) spawnSync('losetup', ['--detach', device], { env: TOOLS_ENV });
});
