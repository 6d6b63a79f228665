import { join } from 'node:path';
import type { AppDeps } from '../app/ports.js';
import { hostFiles } from '../io/host-files.js';
import type { RandomBytes } from '../core/secrets/generate.js';
import type { CliContext } from './context.js';
import { toolVersion } from './version.js';

/** Test switches, named as such: shorter waits for the bootstrap tests' child processes. */
const testNumber = (ctx: CliContext, name: string): number | undefined => (ctx.env[name] ? Number(ctx.env[name]) : undefined);

/** The services' dependencies for this process: the one place where the CLI wires io into app. */
export function appDeps(ctx: CliContext, options: { readonly connectTo?: { host: string; port: number }; readonly random?: RandomBytes } = {}): AppDeps {
  const gateSeconds = testNumber(ctx, 'FIELDSTATION_TEST_GATE_SECONDS');
  return {
    stacks: ctx.stacks,
    templatesRoot: join(ctx.root, 'templates'),
    env: ctx.env,
    now: ctx.now,
    random: options.random ?? ctx.random,
    // Read only when a file is written (state.json records it), not by every command.
    get toolVersion() {
      return toolVersion(ctx.root);
    },
    process: ctx.process,
    // The machine's measurements and the device list load child-process and network code: only when used.
    machine: async () => (await import('../io/effects.js')).createMachine({ env: ctx.env, uid: ctx.process.uid, groups: ctx.process.groups, ...ctx.machine }),
    files: hostFiles(ctx.hostRoot ?? ctx.env['FIELDSTATION_TEST_HOST_ROOT'] ?? '/', ctx.env),
    listDevices: async () => (await import('../io/effects.js')).listDevices(),
    identifyDevice: async (path) => (await import('../io/effects.js')).identifyDevice(path, { env: ctx.env }),
    run: {
      graceMs: testNumber(ctx, 'FIELDSTATION_TEST_GRACE_MS') ?? 10_000,
      backoffBaseMs: testNumber(ctx, 'FIELDSTATION_TEST_BACKOFF_MS') ?? 2000,
      ...(options.connectTo ? { connectTo: options.connectTo } : {}),
      ...(gateSeconds !== undefined ? { httpDeadlineCapSeconds: gateSeconds } : {}),
    },
  };
}
