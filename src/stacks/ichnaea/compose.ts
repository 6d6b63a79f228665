import { exec, type ExecRun } from '../../kit/steps/index.js';
import type { Secret } from '../../core/secrets/secret.js';

/** `docker compose` in the install folder, which holds docker-compose.yml, its .env and env.txt. */
export const compose = (dir: string, ...args: string[]): ExecRun => exec(['docker', 'compose', ...args], { cwd: dir });

/**
 * A one-off command in the image, through its entrypoint's `shell` role (there is no `alembic` role:
 * upstream's docs that leave `shell` out fail at the entrypoint). The `shell` service has the role in its
 * entrypoint, so `args` follow it: as its command they would replace it. Secrets go in as environment
 * variables named with `-e NAME` and no value, so docker takes them from its own environment, never argv.
 */
export function inShell(dir: string, args: readonly string[], env?: Record<string, Secret>): ExecRun {
  const names = Object.keys(env ?? {});
  return { ...compose(dir, 'run', '--rm', ...names.flatMap((n) => ['-e', n]), 'shell', ...args), ...(env ? { env } : {}) };
}
