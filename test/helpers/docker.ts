import { join } from 'node:path';
import { FIXTURES } from './cli.js';

/**
 * The recording stand-in for `docker` (see the header of test/fixtures/docker-stand-in/docker): Docker's
 * engine cannot run on the machines that test fieldstation, and a test must never reach the host's own.
 */
export const DOCKER_STAND_IN = join(FIXTURES, 'docker-stand-in');

/** The environment a user's shell would give, with the docker stand-in first on PATH and none of its switches set. */
export function dockerStandInEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, PATH: `${DOCKER_STAND_IN}:${process.env['PATH'] ?? ''}` };
  for (const k of Object.keys(env)) if (k.startsWith('FIELDSTATION_DOCKER_')) delete env[k];
  return { ...env, ...extra };
}

/** The line of one check in doctor's text output ("PASS  ports: ..."), or a message showing the output. */
export const checkLine = (stdout: string, name: string): string => stdout.split('\n').find((l) => l.slice(6).startsWith(`${name}:`)) ?? `(no ${name} line in:\n${stdout})`;
