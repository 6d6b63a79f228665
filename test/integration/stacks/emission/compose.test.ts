import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate } from '../../../helpers/tls.js';
import { composeConfig, mounts, type ComposeConfig } from '../../../helpers/compose.js';
import { DOCKER_EXAMPLE, renderEmission, suiteDir, type Rendered } from './render.js';

/**
 * The docker runtime's project as Compose reads it (Debian's docker-compose 1.29 `config`): the example,
 * and a variant with push, the admin's own certificate, secret auth, Habitica and Nominatim.
 */

/** Every environment variable the server reads (emission.md §4): anything else in its environment is inert. */
const SERVER_READS = [
  'DB_HOST', 'DB_RESULT_LIMIT', 'USE_HINTS', 'MONITOR_DB',
  'WEBSERVER_PORT', 'WEBSERVER_TIMEOUT', 'WEBSERVER_AUTH', 'WEBSERVER_AGGREGATE_CALL_AUTH', 'WEBSERVER_NOT_FOUND_REDIRECT',
  'PUSH_PROVIDER', 'PUSH_SERVER_AUTH_TOKEN', 'PUSH_APP_PACKAGE_NAME', 'PUSH_IOS_TOKEN_FORMAT', 'PUSH_PROJECT_ID', 'PUSH_SERVICE_ACCOUNT_FILE',
  'STUDY_CONFIG', 'CONFIGS_URL', 'PROD_STAGE', 'NOMINATIM_QUERY_URL', 'GEOFABRIK_OVERPASS_KEY', 'DATA_DIR',
];

/** The image's WORKDIR (upstream's Dockerfile): the server opens conf/... relative to it. */
const APP = '/usr/src/app';

/** Files that would mask the environment: upstream's get_config reads a complete file and ignores the env. */
const MASKING = ['conf/storage/db.conf', 'conf/net/api/webserver.conf', 'conf/net/ext_service/push.json'];

function variantAnswers(work: string): Record<string, unknown> {
  makeCertificate(work, 'emission.example.org');
  const account = join(work, 'firebase-service-account.json');
  writeFileSync(account, `${JSON.stringify({ type: 'service_account', project_id: 'my-study-app', private_key: 'not a key', client_email: 'fcm@my-study-app.iam.gserviceaccount.com' })}\n`);
  return {
    'tls.mode': 'own', 'tls.certificate': join(work, 'emission.example.org.crt'), 'tls.private_key': join(work, 'emission.example.org.key'), admin_email: undefined,
    'auth.method': 'secret', 'auth.token_count': undefined, 'auth.aggregate': 'never',
    'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': account, 'push.silent_intervals': '600,3600',
    'habitica.enabled': true, 'habitica.url': 'https://habitica.com',
    'nominatim.enabled': true, 'nominatim.url': 'https://nominatim.example.org',
  };
}

const cases: [string, (work: string) => Record<string, unknown>][] = [
  ['the docker example', () => ({})],
  ['push, own certificate, secret auth, Habitica and Nominatim', variantAnswers],
];

describe('docker-compose 1.29', () => {
  it('is the parser these tests read the project with', () => {
    const r = spawnSync('docker-compose', ['--version'], { encoding: 'utf8' });
    if (r.error) throw new Error(`docker-compose is not installed (apt-get install docker-compose): ${r.error.message}`);
    expect(r.stdout).toMatch(/^docker-compose version 1\.29\./);
  });
});

describe.each(cases)('%s, as Compose reads it', (_name, answersFor) => {
  let r: Rendered;
  let seen: ComposeConfig;
  let files: Record<string, string>;
  const work = suiteDir('fieldstation-emission-compose-');
  beforeAll(async () => {
    r = await renderEmission(DOCKER_EXAMPLE, answersFor(work), work);
    seen = composeConfig(r.installFolder);
    files = { ...parseEnv(r.text('.env')), ...parseEnv(r.text('.secret.env')) };
  });

  it('resolves every ${VAR} from .env', () => {
    expect(seen.stderr).not.toMatch(/variable is not set/i);
    // `$${` is Compose's escape for a literal `$` (certbot's `wait $${!}`); any other `${` is unresolved.
    expect(seen.text).not.toMatch(/(?<!\$)\$\{/);
    expect(seen.services['web']!.image).toBe(r.input.answers['image']);
  });

  it('runs nginx -t past the nginx service\'s own entrypoint, a script that would start nginx and never return', () => {
    const entrypoint = (seen.services['nginx'] as { entrypoint?: string[] }).entrypoint ?? [];
    expect(entrypoint[0]).toBe('/bin/sh');
    const argv = (r.steps.find((s) => s.id === 'nginx-test')?.run as { argv?: string[] } | undefined)?.argv ?? [];
    expect(argv.slice(argv.indexOf('run'))).toEqual(['run', '--rm', '--no-deps', '--entrypoint', 'nginx', 'nginx', '-t']);
  });

  it('publishes ports from nginx only: 80 and 443', () => {
    const published = Object.entries(seen.services).flatMap(([name, s]) => (s.ports ?? []).map((p) => `${name}:${p.host_ip ?? '*'}:${p.published}->${p.target}`));
    expect(published.sort()).toEqual(['nginx:*:443->443', 'nginx:*:80->80']);
  });

  it('keeps MongoDB on an internal network that only the server shares', () => {
    expect(seen.networks['backend']?.internal).toBe(true);
    expect(Object.keys(seen.services['db']!.networks ?? {})).toEqual(['backend']);
    const onBackend = Object.entries(seen.services).filter(([, s]) => 'backend' in (s.networks ?? {})).map(([n]) => n);
    expect(onBackend.sort()).toEqual(['db', 'web']);
  });

  it('gives the server exactly the settings it reads, with the values in .env and .secret.env', () => {
    const a = r.input.answers;
    const env = seen.services['web']!.environment ?? {};
    const read = Object.fromEntries(Object.entries(env).filter(([k]) => SERVER_READS.includes(k)));
    const password = r.input.secrets['mongodb.password']!.reveal();
    const push = a['push.enabled'] === true;
    const account = mounts(seen.services['web']!).find((m) => m.source === a['push.service_account_file']);
    const expected: Record<string, string> = {
      DB_HOST: `mongodb://emission:${password}@db:27017/Stage_database?authSource=admin`,
      DB_RESULT_LIMIT: '250000',
      WEBSERVER_PORT: '8080',
      WEBSERVER_TIMEOUT: '3600',
      WEBSERVER_AUTH: String(a['auth.method']),
      WEBSERVER_AGGREGATE_CALL_AUTH: String(a['auth.aggregate']),
      WEBSERVER_NOT_FOUND_REDIRECT: 'https://nlr.gov/openpath',
      STUDY_CONFIG: String(a['study.config']),
      CONFIGS_URL: String(a['study.configs_url']),
      ...(a['nominatim.enabled'] === true ? { NOMINATIM_QUERY_URL: String(a['nominatim.url']) } : {}),
      ...(push ? {
        PUSH_PROVIDER: 'firebase',
        PUSH_SERVER_AUTH_TOKEN: env['PUSH_SERVER_AUTH_TOKEN']!,
        PUSH_APP_PACKAGE_NAME: 'edu.berkeley.eecs.emission',
        PUSH_IOS_TOKEN_FORMAT: 'fcm',
        PUSH_PROJECT_ID: 'my-study-app',
        // The key file, at the path it is mounted at (read-only) in the server's container.
        PUSH_SERVICE_ACCOUNT_FILE: account?.target ?? '(the service-account file is not mounted)',
      } : {}),
    };
    expect(read).toEqual(expected);
    if (push) {
      expect(env['PUSH_SERVER_AUTH_TOKEN']!.length).toBeGreaterThan(0);
      expect(account?.mode).toBe('ro');
    }
    // And each is what the env files hold, as Compose read them.
    for (const [k, v] of Object.entries(read)) expect(files[k], k).toBe(v);
  });

  it('writes and mounts no conf file that would mask those settings', () => {
    for (const path of MASKING) expect(r.files.has(path), path).toBe(false);
    const targets = mounts(seen.services['web']!).map((m) => m.target);
    for (const path of MASKING) expect(targets).not.toContain(`${APP}/${path}`);
  });

  it('mounts the files the server opens itself where its working folder has them', () => {
    const web = mounts(seen.services['web']!);
    const expected = ['conf/log/webserver.conf', 'conf/log/intake.conf', 'conf/log/export.conf',
      ...(r.files.has('conf/net/auth/secret_list.json') ? ['conf/net/auth/secret_list.json'] : []),
      ...(r.files.has('conf/net/ext_service/habitica.json') ? ['conf/net/ext_service/habitica.json'] : [])];
    for (const path of expected) expect(web).toContainEqual({ source: r.real(path), target: `${APP}/${path}`, mode: 'ro' });
    // The log folder is the same path inside: the log settings name it.
    const logs = String(r.input.answers['logs.dir']);
    expect(web).toContainEqual({ source: logs, target: logs, mode: 'rw' });
  });

  it('lets nginx reach the server on the port the server listens on', () => {
    const port = seen.services['web']!.environment?.['WEBSERVER_PORT'];
    expect(r.text('nginx/emission.conf')).toContain(`http://web:${port};`);
    expect(seen.services['web']!.healthcheck?.test).toContain(`http://127.0.0.1:${port}/`);
    // The server's database host is the db service, with the user the db container creates.
    const db = seen.services['db']!.environment ?? {};
    const uri = new URL(seen.services['web']!.environment!['DB_HOST']!);
    expect([uri.hostname, uri.username, uri.password]).toEqual(['db', db['MONGO_INITDB_ROOT_USERNAME'], db['MONGO_INITDB_ROOT_PASSWORD']]);
    // Each container gets only its own credentials: the database no server setting, the server no root user.
    expect(Object.keys(db).sort()).toEqual(['MONGO_INITDB_ROOT_PASSWORD', 'MONGO_INITDB_ROOT_USERNAME']);
    expect(Object.keys(seen.services['web']!.environment ?? {}).filter((k) => k.startsWith('MONGO_INITDB'))).toEqual([]);
  });
});
