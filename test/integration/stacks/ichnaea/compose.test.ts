import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecRun } from '../../../../src/kit/steps/exec.js';
import { composeConfig, mounts, type ComposeConfig } from '../../../helpers/compose.js';
import { EXTERNAL_EXAMPLE, LOCAL_EXAMPLE, renderIchnaea, suiteDir, type Rendered } from './render.js';

/**
 * Ichnaea's project as Compose reads it (Debian's docker-compose 1.29 `config`, no engine): the roles, the
 * GeoIP mount, the containers fieldstation adds, and env.txt as each role receives it.
 */

/** Every variable Ichnaea reads (ichnaea-stickypi.md §A.1): env.txt must hold nothing else. */
const APP_READS = ['DB_READONLY_URI', 'DB_READWRITE_URI', 'SQLALCHEMY_URL', 'REDIS_URI', 'CELERY_WORKER_CONCURRENCY', 'SECRET_KEY', 'GEOIP_PATH', 'LOGGING_LEVEL',
  'ASSET_BUCKET', 'ASSET_URL', 'MAPBOX_TOKEN', 'SENTRY_DSN', 'SENTRY_ENVIRONMENT', 'STATSD_HOST', 'STATSD_PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

describe('docker-compose 1.29', () => {
  it('is the parser these tests read the project with', () => {
    const r = spawnSync('docker-compose', ['--version'], { encoding: 'utf8' });
    if (r.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${r.error.message}`);
    expect(r.stdout).toMatch(/docker-compose version 1\./);
  });
});

describe('the local example (MariaDB and Redis containers, every role)', () => {
  const work = suiteDir('fieldstation-ichnaea-compose-');
  let r: Rendered;
  let config: ComposeConfig;
  beforeAll(async () => {
    r = await renderIchnaea(LOCAL_EXAMPLE, {}, work);
    config = composeConfig(r.installFolder);
  }, 60_000);

  it('runs each role from the pinned image with env.txt, a restart policy, a health check and the GeoIP folder read-only', () => {
    for (const role of ['web', 'worker', 'scheduler']) {
      const s = config.services[role]!;
      expect(s.image, role).toBe('mozilla/location:2023.01.16');
      expect((s as { restart?: string }).restart, role).toBe('always');
      expect(s.healthcheck?.test?.length, role).toBeGreaterThan(1);
      expect(mounts(s), role).toContainEqual({ source: '/opt/geoip', target: '/mnt/geoip', mode: 'ro' });
    }
    expect((config.services['web'] as { command?: string[] }).command).toEqual(['web']);
  });

  it('runs one-off commands through the shell role: `run --rm shell ARGS` appends ARGS to it, not in its place', () => {
    const shell = config.services['shell'] as { entrypoint?: string[]; command?: string[] };
    // upstream's docker/app_entrypoint.sh takes the role as its first argument and runs the rest.
    expect(shell.entrypoint).toEqual(['/app/docker/app_entrypoint.sh', 'shell']);
    expect(shell.command).toBeUndefined();
  });

  it('passes every role exactly the variables Ichnaea reads, with the GeoIP path inside the container', () => {
    const env = config.services['worker']!.environment!;
    expect(Object.keys(env).filter((k) => !APP_READS.includes(k))).toEqual([]);
    expect(env['GEOIP_PATH']).toBe('/mnt/geoip/GeoLite2-City.mmdb');
    expect(env['DB_READONLY_URI']).toMatch(/^mysql\+pymysql:\/\/location_read:[A-Za-z0-9]{32}@db:3306\/location$/u);
    expect(env['DB_READWRITE_URI']).toMatch(/^mysql\+pymysql:\/\/location_write:[A-Za-z0-9]{32}@db:3306\/location$/u);
    expect(env['SQLALCHEMY_URL']).toMatch(/^mysql\+pymysql:\/\/location_ddl:[A-Za-z0-9]{32}@db:3306\/location$/u);
    // Not redis://redis:6379/0, upstream's development value.
    expect(env['REDIS_URI']).toBe('redis://cache:6379/0');
    expect(env['SECRET_KEY']).toMatch(/^[A-Za-z0-9]{50}$/u);
    // 0 in the answers: unset, so the entrypoint counts the CPUs.
    expect(env['CELERY_WORKER_CONCURRENCY']).toBeUndefined();
    // ($$ is Compose's escape of a $ for the shell in the container; config prints it escaped.)
    expect((config.services['worker'] as { entrypoint?: string[] }).entrypoint?.join(' ')).toMatch(/CELERY_WORKER_CONCURRENCY=\$\$?\{CELERY_WORKER_CONCURRENCY:-\$\$?\(nproc\)\}/u);
  });

  it('starts the scheduler with an empty /var/run/location every time, so a stale pid file never stops it', () => {
    const s = config.services['scheduler'] as { tmpfs?: string[] };
    expect(s.tmpfs).toEqual(['/var/run/location:uid=10001,gid=10001,mode=0755']);
  });

  it('keeps Redis on an internal network with no port, and MariaDB on this machine\'s loopback only', () => {
    expect(config.services['cache']!.ports).toBeUndefined();
    expect(Object.keys(config.services['cache']!.networks ?? {})).toEqual(['backend']);
    expect(config.networks['backend']).toMatchObject({ internal: true });
    // docker-compose 1.29 prints ports in the short form.
    expect(config.services['db']!.ports).toEqual(['127.0.0.1:3306:3306/tcp']);
    expect(mounts(config.services['db']!)).toContainEqual(expect.objectContaining({ source: '/var/lib/ichnaea/mariadb', target: '/var/lib/mysql' }));
    expect(config.services['web']!.ports).toEqual([{ published: 8000, target: 8000 }]);
  });

  it('writes env.txt and mariadb.env 0600 and the root password only for the database container', () => {
    expect(r.view.files.filter((f) => f.secret).map((f) => f.path).sort()).toEqual(['api-key.txt', 'env.txt', 'mariadb.env']);
    expect(config.services['db']!.environment!['MARIADB_ROOT_PASSWORD']).toMatch(/^[A-Za-z0-9]{32}$/u);
    expect(config.services['web']!.environment!['MARIADB_ROOT_PASSWORD']).toBeUndefined();
  });
});

describe('the external example (your database and Redis, two web and two workers, the TLS proxy)', () => {
  const work = suiteDir('fieldstation-ichnaea-compose-ext-');
  let r: Rendered;
  let config: ComposeConfig;
  beforeAll(async () => {
    r = await renderIchnaea(EXTERNAL_EXAMPLE, {}, work);
    config = composeConfig(r.installFolder);
  }, 60_000);

  it('tests the site with nginx itself as the entrypoint: the service\'s own script starts the server whatever it is given', () => {
    const nginx = config.services['nginx'] as { entrypoint?: string[] };
    expect(nginx.entrypoint?.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    // `run nginx nginx -t` would hand `nginx -t` to that script as $0 and $1, start nginx and never return.
    const step = r.steps.find((s) => s.id === 'nginx-test')!;
    expect((step.run as ExecRun).argv).toEqual(['docker', 'compose', 'run', '--rm', '--no-deps', '--entrypoint', 'nginx', 'nginx', '-t']);
  });

  it('adds no database or Redis container, publishes no web port and puts nginx and certbot in front', () => {
    // shell: the one-off commands' service, in a profile that `up` leaves out.
    expect(Object.keys(config.services).sort()).toEqual(['certbot', 'nginx', 'scheduler', 'shell', 'web', 'worker']);
    expect((config.services['shell'] as { profiles?: string[] }).profiles).toEqual(['tools']);
    expect(config.services['web']!.ports).toBeUndefined();
    expect(config.services['nginx']!.ports).toEqual([{ published: 80, target: 80 }, { published: 443, target: 443 }]);
    const env = config.services['web']!.environment!;
    expect(env['DB_READONLY_URI']).toMatch(/@db\.lab\.internal:3306\/location$/u);
    expect(env['REDIS_URI']).toMatch(/^redis:\/\/:StandInForICHNAEAREDISPASSWORD0000@redis\.lab\.internal:6379\/0$/u);
  });
});
