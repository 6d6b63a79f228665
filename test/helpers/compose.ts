import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dockerCli } from './docker-engine.js';

/**
 * Docker Compose's own env_file parsers, for tests: `config` prints each service's environment as
 * Compose read it, and needs no engine. Debian's python Compose v1 (1.29, python-dotenv) is always used:
 * missing, the test fails naming the package, nothing is skipped. Compose v2 (the `docker compose`
 * plugin, compose-go's dotenv) is used as well where a machine has it; Debian 12 does not ship it.
 */

const execFileAsync = promisify(execFile);

export const COMPOSE_V1 = '/usr/bin/docker-compose';

/** A service's environment as `config` printed it: strings, with each literal `$` written `$$`. */
export type ComposeEnvironments = Record<string, Record<string, unknown>>;

/**
 * Compose v1 prints YAML 1.1 (PyYAML), in which NEL, LS and PS (U+0085, U+2028, U+2029) are line breaks:
 * in a single-quoted scalar PyYAML writes such a character raw, then the next line's indentation. The yaml
 * package reads YAML 1.2, where they are ordinary characters, and would keep that indentation as text.
 * PyYAML never single-quotes a value with a space next to such a break (it double-quotes and escapes it
 * instead), so dropping the spaces that follow them restores the value exactly.
 */
const yaml11Breaks = (text: string): string => text.replace(/([\u0085\u2028\u2029]) +/g, '$1');

/** Compose's `config` escapes every literal `$` as `$$`. */
export const unescapeDollars = (value: string): string => value.replace(/\$\$/g, '$');

/** A value as Compose read it: a string with `$$` made `$` again, anything else as printed. */
export const composeValue = (raw: unknown): unknown => (typeof raw === 'string' ? unescapeDollars(raw) : raw);

function environments(stdout: string, yamlVersion: '1.1' | '1.2'): ComposeEnvironments {
  const config = parseYaml(yamlVersion === '1.1' ? yaml11Breaks(stdout) : stdout, { version: yamlVersion }) as { services?: Record<string, { environment?: Record<string, unknown> }> };
  const out: ComposeEnvironments = {};
  for (const [name, service] of Object.entries(config.services ?? {})) out[name] = service.environment ?? {};
  return out;
}

/** Each service's environment, as `docker-compose -f <file> config` (Debian's v1) in `dir` read it. */
export async function composeV1Environments(dir: string, file = 'docker-compose.yml'): Promise<ComposeEnvironments> {
  if (!existsSync(COMPOSE_V1)) {
    throw new Error(
      `${COMPOSE_V1} is missing, so env files cannot be checked against a real Compose parser: install Debian's docker-compose: apt-get install -y docker-compose (these tests fail rather than skip without it)`,
    );
  }
  try {
    const { stdout } = await execFileAsync(COMPOSE_V1, ['-f', file, 'config'], { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return environments(stdout, '1.1');
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker-compose config failed: ${stderr ?? String(error)}`, { cause: error });
  }
}

/**
 * Whether this machine has Compose v2 (`docker compose version` answers), which Debian 12 does not ship;
 * the tests then read env files through it too.
 */
export async function hasComposeV2(): Promise<boolean> {
  try {
    await execFileAsync(dockerCli(), ['compose', 'version'], { encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}

/** Each service's environment, as `docker compose -f <file> config` (v2) in `dir` read it. */
export async function composeV2Environments(dir: string, file = 'docker-compose.yml'): Promise<ComposeEnvironments> {
  try {
    const { stdout } = await execFileAsync(dockerCli(), ['compose', '-f', file, 'config'], { cwd: dir, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return environments(stdout, '1.2');
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker compose config failed: ${stderr ?? String(error)}`, { cause: error });
  }
}

// The whole project as `config` prints it, for the tests of a server's compose file.
/** A service as `docker-compose config` prints it (long forms: ports as objects, volumes as strings). */
export interface Service {
  image?: string;
  ports?: { published: number | string; target: number; host_ip?: string }[];
  volumes?: string[];
  environment?: Record<string, string>;
  networks?: Record<string, unknown>;
  healthcheck?: { test?: string[] };
}

export interface ComposeConfig {
  readonly text: string;
  readonly stderr: string;
  readonly services: Record<string, Service>;
  readonly networks: Record<string, { internal?: boolean } | null>;
}

/**
 * The project as Compose's own parser reads it: Debian's docker-compose 1.29 `config` (no engine needed),
 * run in the install folder as the admin would (no -f, no COMPOSE_FILE from the shell), so it reads
 * docker-compose.yml, interpolates ${...} from .env and loads each service's env_file.
 */
export function composeConfig(dir: string): ComposeConfig {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('COMPOSE_')) delete env[k];
  const r = spawnSync('docker-compose', ['config'], { cwd: dir, env, encoding: 'utf8' });
  if (r.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${r.error.message}`);
  expect(r.status, `docker-compose config in ${dir}:\n${r.stderr}`).toBe(0);
  const doc = parseYaml(r.stdout) as { services: Record<string, Service>; networks?: ComposeConfig['networks'] };
  return { text: r.stdout, stderr: r.stderr, services: doc.services, networks: doc.networks ?? {} };
}

/** A volume of `service` as source and target (`source:target[:mode]` in config's output). */
export function mounts(service: Service): { source: string; target: string; mode?: string }[] {
  return (service.volumes ?? []).map((v) => {
    const [source, target, mode] = v.split(':');
    return { source: source!, target: target!, ...(mode ? { mode } : {}) };
  });
}
