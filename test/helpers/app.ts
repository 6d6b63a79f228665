import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppEvent } from '../../src/app/events.js';
import type { InstallHooks } from '../../src/app/install.js';
import type { AppDeps, StackEntry } from '../../src/app/ports.js';
import type { CommandFact, Machine } from '../../src/core/checks/machine.js';
import type { DeviceIdentity } from '../../src/core/devices/identity.js';
import { hostFiles } from '../../src/io/host-files.js';
import { beaconEntry } from '../fixtures/stacks/beacon/index.js';
import { ROOT, tempDir } from './cli.js';
import { seededRandom } from './seeded-random.js';

/**
 * The services' dependencies for in-process tests: Beacon registered (its install folder and data folder
 * are inside the test's own folder), a seeded random, a fixed clock that moves a second per call, and a
 * machine whose every fact the test sets (nothing is measured for real: that is the integration tests' job).
 */
export interface TestWorld {
  readonly work: string;
  /** The install folder. */
  readonly dir: string;
  /** Where Beacon's readings go (data_root), inside `work`. */
  readonly dataRoot: string;
  readonly deps: AppDeps;
  readonly machine: FakeMachine;
}

export interface FakeMachine extends Machine {
  /** What `run` answers, by the argv joined with spaces; anything else is "not found". */
  readonly commands: Map<string, CommandFact>;
  readonly asked: string[];
}

export function fakeMachine(): FakeMachine {
  const commands = new Map<string, CommandFact>([['date -u +%Y', { ok: true, stdout: '2026\n' }]]);
  const asked: string[] = [];
  return {
    commands,
    asked,
    run: async (argv) => {
      asked.push(argv.join(' '));
      return commands.get(argv.join(' ')) ?? { ok: false, reason: 'not-found' };
    },
    port: async (port) => ({ port, state: 'free' }),
    disk: async (needs) => needs.map((n) => ({ needs: [n], measuredAt: n.path, freeBytes: 1024 ** 4 })),
    lookup: async (hosts) => hosts.map((host) => ({ host, addresses: ['192.0.2.7'] })),
    addresses: () => ['192.0.2.7'],
    memoryBytes: () => 8 * 1024 ** 3,
    identity: () => ({ uid: 0, groups: [0], user: 'root' }),
    group: async () => undefined,
    folder: async (path) => ({ path, state: 'writable' }),
    which: async (program) => `/usr/bin/${program}`,
    connect: async (host, port) => ({ host, port, reachable: true }),
  };
}

/** What a device read as in the test world: an empty 1 MiB image file (lsblk and wipefs are the integration tests'). */
export const emptyImage = (path: string): DeviceIdentity => ({ path, sizeBytes: 1024 * 1024, model: undefined, serial: undefined, type: 'file', partitions: [], signatures: [], mounts: [], holders: [] });

export function testWorld(options: { stacks?: readonly StackEntry[]; env?: Record<string, string | undefined>; seed?: string; identifyDevice?: AppDeps['identifyDevice'] } = {}): TestWorld {
  const work = tempDir();
  const dir = join(work, 'server');
  const machine = fakeMachine();
  let tick = Date.parse('2026-11-23T10:00:00Z');
  const deps: AppDeps = {
    stacks: options.stacks ?? [beaconEntry],
    templatesRoot: join(ROOT, 'templates'),
    env: { PATH: process.env['PATH'], ...options.env },
    now: () => new Date((tick += 1000)),
    random: seededRandom(options.seed ?? 'test-world'),
    toolVersion: '0.0.0-test',
    process: { pid: process.pid, uid: 0, groups: [0] },
    machine: async () => machine,
    files: hostFiles('/', { PATH: process.env['PATH'] }),
    listDevices: async () => [{ path: '/dev/vdb', size: '10G', model: 'test disk', mounted: undefined, filesystem: undefined }],
    identifyDevice: options.identifyDevice ?? (async (path) => emptyImage(path)),
    run: { graceMs: 500, backoffBaseMs: 10 },
  };
  return { work, dir, dataRoot: join(work, 'readings'), deps, machine };
}

/** A Beacon answers file in the world's folder; `extra` lines are appended, `data_root` points inside it. */
export function beaconAnswers(world: TestWorld, extra = '', name = 'beacon.yaml'): string {
  const path = join(world.work, name);
  mkdirSync(world.work, { recursive: true });
  writeFileSync(path, `version: 1\nstack: beacon\nsite:\n  name: north-ridge\n  domain: beacon.example.org\ndata_root: ${world.dataRoot}\n${extra}`);
  return path;
}

/** Hooks that record every event, confirm with `confirm`, and never stop. */
export function recordingHooks(confirm = true): InstallHooks & { readonly events: AppEvent[] } {
  const events: AppEvent[] = [];
  return {
    events,
    emit: (e) => events.push(e),
    signal: new AbortController().signal,
    confirmDestructive: async () => false,
    confirm: async () => confirm,
  };
}
