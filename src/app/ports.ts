import type { Machine } from '../core/checks/machine.js';
import type { DeviceIdentity } from '../core/devices/identity.js';
import type { RandomBytes } from '../core/secrets/generate.js';
import type { Stack, StackAbout } from '../core/stack.js';
import type { BlockDevice } from '../io/devices.js';
import type { HostFiles } from '../io/host-files.js';

export type { BlockDevice };

/** A registered server: what it is, how to load it, and where its templates are. */
export interface StackEntry {
  readonly about: StackAbout;
  load(): Promise<Stack>;
  /** The folder of its templates; default: the package's templates/<id>/. */
  readonly templatesDir?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What the services need from outside, wired once by src/cli (and by the tests, with their own folders
 * and fakes for what would need the network). The services orchestrate; src/core decides; src/io touches
 * the world.
 */
export interface AppDeps {
  readonly stacks: readonly StackEntry[];
  /** The package's templates/ folder. */
  readonly templatesRoot: string;
  readonly env: Env;
  readonly now: () => Date;
  readonly random: RandomBytes;
  readonly toolVersion: string;
  /** This process: who it runs as (for the privileges check) and its pid (for the lock). */
  readonly process: { readonly pid: number; readonly uid: number | undefined; readonly groups: readonly number[] };
  /** A fresh view of this machine for one round of preflight checks (loaded only when checks run). */
  readonly machine: () => Promise<Machine>;
  readonly files: HostFiles;
  readonly listDevices: () => Promise<readonly BlockDevice[]>;
  /** What is on a device now (lsblk, wipefs), shown before a step wipes it; throws, in words, when it cannot be read. */
  readonly identifyDevice: (path: string) => Promise<DeviceIdentity>;
  /** How steps run: the stop grace, retries' backoff, and where health checks connect. */
  readonly run: {
    readonly graceMs: number;
    readonly backoffBaseMs: number;
    readonly connectTo?: { readonly host: string; readonly port: number };
    readonly httpDeadlineCapSeconds?: number;
  };
}
