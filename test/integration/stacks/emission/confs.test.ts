import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../../helpers/tls.js';
import { DICT_CONFIG, GET_CONFIG, python, SECRET_LIST } from './python.js';
import { NATIVE_EXAMPLE, renderEmission, suiteDir, type Rendered } from './render.js';

/**
 * The native runtime's conf/ files as upstream's loaders read them: each mapped key of emission.md §1
 * (one missing key and upstream ignores the whole file), the log settings through Python's own
 * logging.config.dictConfig, and secret_list.json as secret.py reads it.
 */

/** upstream's get_config mappings (emission.md §1), once: file -> variable -> dotted path. */
const LOADERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'conf/storage/db.conf': { DB_HOST: 'timeseries.url', DB_RESULT_LIMIT: 'timeseries.result_limit' },
  'conf/net/api/webserver.conf': {
    WEBSERVER_PORT: 'server.port', WEBSERVER_TIMEOUT: 'server.timeout', WEBSERVER_AUTH: 'server.auth',
    WEBSERVER_AGGREGATE_CALL_AUTH: 'server.aggregate_call_auth', WEBSERVER_NOT_FOUND_REDIRECT: 'paths.404_redirect',
  },
  'conf/net/ext_service/push.json': {
    PUSH_PROVIDER: 'provider', PUSH_SERVER_AUTH_TOKEN: 'server_auth_token', PUSH_APP_PACKAGE_NAME: 'app_package_name',
    PUSH_IOS_TOKEN_FORMAT: 'ios_token_format', PUSH_PROJECT_ID: 'project_id', PUSH_SERVICE_ACCOUNT_FILE: 'service_account_file',
  },
};
const LOGS = ['webserver', 'intake', 'export'];

const HOST = 'openpath.example.org';
const variants: [string, (work: string) => Record<string, unknown>][] = [
  ['the native example (secret auth)', () => ({})],
  ['built-in TLS with keys.json', (work) => {
    // Validation checks the chain issued the certificate: a real one, from the test's own CA.
    const ca = issueCertificate(work, 'Test Intermediate', { file: 'intermediate.example.org', ca: true });
    const leaf = issueCertificate(work, HOST, { issuer: ca });
    return { 'tls.mode': 'builtin', 'tls.certificate': leaf.certPath, 'tls.chain': ca.certPath, 'tls.private_key': leaf.keyPath, admin_email: undefined };
  }],
  ['push enabled', () => ({ 'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': '/etc/emission/firebase.json', 'push.ios_token_format': 'apns', 'push.silent_intervals': '600' })],
];

describe.each(variants)('%s: conf files as upstream reads them', (_name, overrides) => {
  let r: Rendered;
  type Loaded = { missing?: string; found: Record<string, unknown>; types: Record<string, string> };
  let loaded: Record<string, Loaded>;
  let logs: Record<string, Record<string, { path: string; text: string }>>;
  const work = suiteDir('fieldstation-emission-confs-');
  beforeAll(async () => {
    r = await renderEmission(NATIVE_EXAMPLE, { ...overrides(work), 'logs.dir': join(work, 'logs') }, work);
    // The stack's log-folder step makes it (owned by the service user, who does not exist here).
    expect(r.steps.find((s) => s.id === 'log-folder')?.run).toMatchObject({ argv: expect.arrayContaining([join(work, 'logs')]) });
    mkdirSync(join(work, 'logs'));
    const mapped = Object.fromEntries(Object.entries(LOADERS).filter(([f]) => r.files.has(f)).map(([f, m]) => [r.real(f), m]));
    loaded = python(GET_CONFIG, [JSON.stringify(mapped)], work) as Record<string, Loaded>;
    logs = python(DICT_CONFIG, LOGS.map((n) => r.real(`conf/log/${n}.conf`)), work) as typeof logs;
  });
  const a = () => r.input.answers;
  const seen = (file: string): Loaded => loaded[r.real(file)] ?? { missing: `(${file} not read)`, found: {}, types: {} };

  it('writes push.json only with push, and keys.json only for built-in TLS', () => {
    expect(r.files.has('conf/net/ext_service/push.json')).toBe(a()['push.enabled'] === true);
    expect(r.files.has('conf/net/keys.json')).toBe(a()['tls.mode'] === 'builtin');
    expect(r.files.has('conf/storage/db.conf') && r.files.has('conf/net/api/webserver.conf')).toBe(true);
  });

  it('has every key each loader maps, found by get_config\'s lookup in Python', () => {
    for (const [file, mapping] of Object.entries(LOADERS)) {
      if (!r.files.has(file)) continue;
      const flat = JSON.parse(r.text(file)) as Record<string, unknown>;
      for (const path of Object.values(mapping)) expect(path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], flat), `${file}: ${path}`).toBeDefined();
      expect(seen(file).missing, file).toBeUndefined();
      expect(Object.keys(seen(file).found).sort(), file).toEqual(Object.keys(mapping).sort());
    }
  });

  it('gives the web server its settings, port and timeout as strings ("443" turns on built-in HTTPS)', () => {
    const web = seen('conf/net/api/webserver.conf');
    expect(web.types['WEBSERVER_PORT']).toBe('str');
    expect(web.types['WEBSERVER_TIMEOUT']).toBe('str');
    expect(web.found).toEqual({
      WEBSERVER_PORT: a()['tls.mode'] === 'builtin' ? '443' : '8080',
      WEBSERVER_TIMEOUT: '3600',
      WEBSERVER_AUTH: a()['auth.method'],
      WEBSERVER_AGGREGATE_CALL_AUTH: a()['auth.aggregate'],
      WEBSERVER_NOT_FOUND_REDIRECT: 'https://nlr.gov/openpath',
    });
  });

  it('gives the server the database URI with its password, and an integer result limit', () => {
    const db = seen('conf/storage/db.conf');
    const password = parseEnv(r.text('.secret.env'))['MONGODB_PASSWORD'];
    expect(db.found['DB_HOST']).toBe(`mongodb://emission:${password}@db.internal.example.org:27017/openpath_prod?authSource=admin`);
    expect(db.types['DB_RESULT_LIMIT']).toBe('int');
  });

  it('names the admin\'s files in keys.json and the push settings in push.json', () => {
    if (r.files.has('conf/net/keys.json')) {
      const keys = r.json('conf/net/keys.json') as Record<string, string>;
      expect(keys).toEqual({ host_certificate: a()['tls.certificate'], chain_certificate: a()['tls.chain'], private_key: a()['tls.private_key'] });
      for (const path of Object.values(keys)) expect(existsSync(path), path).toBe(true);
    }
    if (r.files.has('conf/net/ext_service/push.json')) {
      expect(seen('conf/net/ext_service/push.json').found).toMatchObject({ PUSH_PROVIDER: 'firebase', PUSH_PROJECT_ID: 'my-study-app', PUSH_SERVICE_ACCOUNT_FILE: '/etc/emission/firebase.json', PUSH_IOS_TOKEN_FORMAT: 'apns' });
    }
  });

  it('has log settings that Python\'s dictConfig accepts, writing into the log folder', () => {
    for (const name of LOGS) {
      const made = logs[r.real(`conf/log/${name}.conf`)] ?? {};
      expect(Object.keys(made).sort(), name).toEqual(['errors', 'file']);
      expect(made['file']!.path, name).toBe(join(work, 'logs', `${name}.log`));
      expect(made['errors']!.path, name).toBe(join(work, 'logs', `${name}-errors.log`));
      for (const handler of ['file', 'errors']) expect(made[handler]!.text, `${name} ${handler}`).toMatch(/^\S+ \S+:ERROR:\d+:fieldstation test line\n$/);
    }
  });

  it('has a secret list that secret.py reads, accepting tokens that start with the client secret only', () => {
    const secret = parseEnv(r.text('.secret.env'))['CLIENT_SECRET']!;
    const seen = python(SECRET_LIST, [r.real('conf/net/auth/secret_list.json'), `${secret}_participant`, 'REPLACEME_participant', secret.slice(1)], work) as { secrets: string[]; accepts: boolean[] };
    expect(seen.secrets).toEqual([secret]);
    expect(secret.length).toBeGreaterThanOrEqual(24);
    expect(seen.accepts).toEqual([true, false, false]);
  });
});
