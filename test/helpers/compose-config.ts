import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';

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
