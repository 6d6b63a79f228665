import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync as runCli, tempDir } from '../../../helpers/cli.js';
import { dockerStandInEnv } from '../../../helpers/docker.js';
import { cityDatabase, epochDaysBefore } from '../../../helpers/mmdb.js';
import { startMariaDb, type MariaDb } from '../../../helpers/services.js';
import { CLIENT_IP, HEAD, startWebRole, type WebRole } from './web-role.js';

/**
 * `fieldstation apply` of Ichnaea end to end through the built CLI. docker is the recording stand-in (its
 * scripted answers play `docker ps` and the skip probes); the database and its three users are provisioned
 * for real in a throwaway MariaDB through db.local_port; the health gates meet a real HTTP server on
 * web.port that answers as Ichnaea's web role does. Files go under the test's host root.
 */
const IMAGE = 'mozilla/location:2023.01.16';
const GEOIP = '/opt/geoip/GeoLite2-City.mmdb';
const ROOT_ENV = 'ICHNAEA_TEST_DB_ROOT';

interface Call { readonly argv: string[]; readonly cwd: string; readonly envNames: string[] }
/** One scripted answer of the stand-in: a call whose argv contains `match` prints `stdout` and exits `status`. */
interface Scripted { readonly match: string; readonly stdout?: string; readonly status?: number }

let db: MariaDb;
let web: WebRole;
beforeAll(async () => {
  [db, web] = await Promise.all([startMariaDb(), startWebRole()]);
}, 90_000);
afterAll(async () => {
  await web?.close();
  await db?.stop();
});

/** An install folder, answers for the MariaDB container played by the throwaway server, and a City database. */
function setUp(options: { users?: string; scheduler?: boolean } = {}) {
  const work = tempDir();
  const host = join(work, 'host');
  const dir = join(work, 'ichnaea');
  const data = join(work, 'data');
  const prefix = options.users ?? 'location';
  mkdirSync(dirname(join(host, GEOIP)), { recursive: true });
  writeFileSync(join(host, GEOIP), cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 1) }));
  const answers = join(work, 'answers.yaml');
  writeFileSync(answers, [
    'version: 1', 'stack: ichnaea', `image: ${IMAGE}`,
    'db:', '  mode: container', `  local_port: ${db.port}`, `  root_password: {env: ${ROOT_ENV}}`, `  name: ${prefix}`,
    `  read_user: ${prefix}_read`, `  write_user: ${prefix}_write`, `  ddl_user: ${prefix}_ddl`,
    'redis: {mode: container}', `geoip: {path: ${GEOIP}}`,
    `roles: {web: 1, worker: 1, scheduler: ${options.scheduler ?? true}}`, `web: {port: ${web.port}}`, `data_dir: ${data}`, '',
  ].join('\n'));
  const real = (path: string) => join(host, path);
  web.keyFile = real(join(dir, 'api-key.txt'));
  return { work, host, dir, data, answers, prefix, real, record: join(work, 'docker-calls.jsonl') };
}
type Setup = ReturnType<typeof setUp>;

/** The throwaway servers listen on the ports the answers name (MariaDB's, the web role's): the ports check is skipped. */
const apply = (t: Setup, scripted: readonly Scripted[]) => runCli(['apply', '--answers', t.answers, '--dir', t.dir, '--yes', '--skip-check', 'ports'], {
  env: dockerStandInEnv({
    FIELDSTATION_DOCKER_RECORD: t.record,
    FIELDSTATION_DOCKER_ANSWERS: JSON.stringify(scripted),
    FIELDSTATION_TEST_HOST_ROOT: t.host,
    FIELDSTATION_TEST_GRACE_MS: '1000',
    FIELDSTATION_TEST_BACKOFF_MS: '50',
    FIELDSTATION_TEST_GATE_SECONDS: '3',
    [ROOT_ENV]: db.rootPassword.reveal(),
  }),
});

const calls = (t: Setup): Call[] => (existsSync(t.record) ? readFileSync(t.record, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Call) : []);
/** Compose's work, without the version check and the skip probes (which run beside other steps). */
const composeWork = (list: readonly Call[]) => list.filter((c) => c.argv[0] === 'compose' && c.argv[1] !== 'version' && !isProbe(c)).map((c) => c.argv.slice(1).join(' '));
const isProbe = (c: Call) => c.argv[1] === 'ps' || c.argv.join(' ').includes('alembic current');

/** What `docker ps --no-trunc --format ...` prints for one container: name, image, command, project, service. */
const container = (name: string, image: string, command: string, project = '', service = '') => [name, image, command, project, service].join('\t');
const OUR_CONTAINERS = [
  container('ichnaea-scheduler-1', IMAGE, '"/bin/sh -c \'export CELERY_WORKER_CONCURRENCY=${CELERY_WORKER_CONCURRENCY:-$(nproc)}; exec /app/docker/app_entrypoint.sh scheduler\'"', 'ichnaea', 'scheduler'),
  container('ichnaea-worker-1', IMAGE, '"/bin/sh -c \'export CELERY_WORKER_CONCURRENCY=${CELERY_WORKER_CONCURRENCY:-$(nproc)}; exec /app/docker/app_entrypoint.sh worker\'"', 'ichnaea', 'worker'),
  container('ichnaea-web-1', IMAGE, '"/app/docker/app_entrypoint.sh web"', 'ichnaea', 'web'),
  container('ichnaea-db-1', 'mariadb:10.11.13', '"docker-entrypoint.sh --character-set-server=utf8 --collation-server=utf8_general_ci"', 'ichnaea', 'db'),
];

/** Upstream's apikey.py prints the key it was given: what fieldstation shows of it must be masked. */
const KEY_SCRIPT: Scripted = { match: 'apikey.py create', stdout: "Created API key: '${ICHNAEA_API_KEY}'\n" };
/** A first install: no container runs yet, and `alembic current` names no revision (the probe's grep fails). */
const FIRST_INSTALL: Scripted[] = [
  { match: 'ps --no-trunc', stdout: '' },
  { match: 'ps --format', stdout: '' },
  { match: 'alembic current', status: 1 },
  KEY_SCRIPT,
];
/** The same machine after it: this install's containers run the image, and the database is at the head. */
const INSTALLED: Scripted[] = [
  { match: 'ps --no-trunc', stdout: `${OUR_CONTAINERS.join('\n')}\n` },
  { match: 'ps --format', stdout: `${IMAGE}\n${IMAGE}\n` },
  { match: 'alembic current', stdout: `${HEAD} (head)\n` },
  { ...KEY_SCRIPT, stdout: "API key '${ICHNAEA_API_KEY}' exists\n" },
];

/** The password inside one of env.txt's URIs, percent-decoded. */
function uriPassword(envTxt: string, variable: string): { user: string; password: string } {
  const line = envTxt.split('\n').find((l) => l.startsWith(`${variable}=`));
  if (!line) throw new Error(`${variable} is not in env.txt`);
  const uri = new URL(line.slice(variable.length + 1));
  return { user: decodeURIComponent(uri.username), password: decodeURIComponent(uri.password) };
}

/** Whether a statement goes through as this account; the server's refusal is an answer, anything else a failure. */
async function allowed(account: { user: string; password: string }, database: string, sql: string): Promise<boolean> {
  const c = await mysql.createConnection({ host: db.host, port: db.port, ...account, database });
  try {
    await c.query(sql);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.endsWith('_DENIED_ERROR')) return false;
    throw error;
  } finally {
    await c.end();
  }
}

/** The accounts of an install and their grants, as the server has them: equal before and after means nothing changed. */
async function accounts(prefix: string): Promise<unknown> {
  const c = await db.connectRoot();
  try {
    const [users] = await c.query<mysql.RowDataPacket[]>("SELECT User, Host, plugin, authentication_string FROM mysql.user WHERE User LIKE ? ORDER BY User", [`${prefix}\\_%`]);
    const [schemas] = await c.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [prefix]);
    const grants: string[][] = [];
    for (const u of users) {
      const [rows] = await c.query<mysql.RowDataPacket[]>(`SHOW GRANTS FOR ${mysql.escape(u['User'])}@${mysql.escape(u['Host'])}`);
      grants.push(rows.map((r) => String(Object.values(r)[0])));
    }
    return { users, schemas, grants };
  } finally {
    await c.end();
  }
}

/** Every file fieldstation keeps under the install folder's .fieldstation/ (state, journal, run logs). */
function ownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => out.push(readFileSync(p, 'utf8')))(join(d, e.name));
  };
  walk(join(dir, '.fieldstation'));
  return out;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('apply sets up Ichnaea from the published image', () => {
  it('provisions the database for real, runs the migrations and the key through Compose, gates on the web role; again, changes nothing', async () => {
    const t = setUp();
    web.state = 'healthy';
    const r = await apply(t, FIRST_INSTALL);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`Mozilla Ichnaea is set up in ${t.dir}.`);
    expect(r.stdout).toMatch(/^Checked: Ichnaea reports its database, GeoIP and Redis up: HTTP 200, as expected: the database, the database schema, the GeoIP database, the GeoIP database's age, Redis after \d+ attempt\(s\)\.$/m);
    expect(r.stdout).toMatch(/^Checked: A geolocate request with the new key is answered from GeoIP: HTTP 200, as expected: the location, the accuracy after \d+ attempt\(s\)\.$/m);
    expect(r.stderr).toMatch(/^PASS +one-scheduler/m);

    // Files: secrets 0600, the rest 0644, all under the host root; the root password is the server's.
    const file = (name: string) => t.real(join(t.dir, name));
    expect(['env.txt', 'mariadb.env', 'api-key.txt', '.env', 'docker-compose.yml'].map((f) => [f, mode(file(f))])).toEqual([
      ['env.txt', 0o600], ['mariadb.env', 0o600], ['api-key.txt', 0o600], ['.env', 0o644], ['docker-compose.yml', 0o644],
    ]);
    expect(readFileSync(file('mariadb.env'), 'utf8')).toContain(`MARIADB_ROOT_PASSWORD='${db.rootPassword.reveal()}'`);
    expect(readFileSync(file('.env'), 'utf8')).toContain(`DB_LOCAL_PORT='${db.port}'`);
    const envTxt = readFileSync(file('env.txt'), 'utf8');
    expect(envTxt).toContain('GEOIP_PATH=/mnt/geoip/GeoLite2-City.mmdb\n');
    const key = readFileSync(file('api-key.txt'), 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{32}$/u);
    expect(r.stderr).toContain(`API key: in ${join(t.dir, 'api-key.txt')} (mode 0600). Not printed here`);
    // The MariaDB datadir as the mariadb image needs it.
    expect(mode(t.data)).toBe(0o755);
    expect([mode(join(t.data, 'mariadb')), statSync(join(t.data, 'mariadb')).uid, statSync(join(t.data, 'mariadb')).gid]).toEqual([0o750, 999, 999]);

    // Docker: what ran, in order, in the install folder.
    const first = calls(t);
    expect(composeWork(first)).toEqual([
      '--profile tools pull',
      'up -d db',
      'run --rm shell alembic stamp base',
      'run --rm shell alembic upgrade head',
      'run --rm -e ICHNAEA_API_KEY shell sh -c exec /app/ichnaea/scripts/apikey.py create "$ICHNAEA_API_KEY"',
      'up -d worker scheduler',
      'up -d --remove-orphans',
    ]);
    expect(new Set(first.filter((c) => c.argv[0] === 'compose' && c.argv[1] !== 'version').map((c) => c.cwd))).toEqual(new Set([t.dir]));
    // The probes: no writer ran another image (stop-writers skipped), and no revision yet (the stamp ran).
    const order = first.map((c) => c.argv.join(' '));
    const at = (part: string) => order.findIndex((l) => l.includes(part));
    expect(order).toContain('compose ps --format {{.Image}} worker scheduler');
    expect(at('ps --format')).toBeLessThan(at('alembic stamp base'));
    expect(at('alembic current')).toBeLessThan(at('alembic stamp base'));
    expect(order).not.toContain('compose stop worker scheduler');
    expect(r.stderr).toMatch(/^SKIP stop-writers:/m);
    // The key reached docker through its environment, named by -e and never given in argv.
    const keyCall = first.find((c) => c.argv.includes('ICHNAEA_API_KEY'))!;
    expect(keyCall.envNames).toContain('ICHNAEA_API_KEY');
    const everything = [r.stdout, r.stderr, readFileSync(t.record, 'utf8'), ...ownFiles(t.dir)].join('\n');
    expect(everything).toContain("[api-key]   Created API key: '[masked:api_key]'");
    expect(everything).not.toContain(key);

    // The gates: the heartbeat, then a geolocate with that key, for London's address.
    const geolocate = web.seen.filter((q) => q.path === '/v1/geolocate');
    expect(geolocate.at(-1)).toEqual({ method: 'POST', path: '/v1/geolocate', key, forwardedFor: CLIENT_IP, body: '{"considerIp":true}' });
    expect(web.seen.findIndex((q) => q.path === '/__heartbeat__')).toBeLessThan(web.seen.findIndex((q) => q.path === '/v1/geolocate'));

    // The database and its users, for real, with the passwords env.txt holds.
    const read = uriPassword(envTxt, 'DB_READONLY_URI');
    const write = uriPassword(envTxt, 'DB_READWRITE_URI');
    const ddl = uriPassword(envTxt, 'SQLALCHEMY_URL');
    expect([read.user, write.user, ddl.user]).toEqual(['location_read', 'location_write', 'location_ddl']);
    expect(await allowed(ddl, 'location', 'CREATE TABLE fs_probe (id INT PRIMARY KEY)')).toBe(true);
    expect(await allowed(read, 'location', 'SELECT * FROM fs_probe')).toBe(true);
    expect(await allowed(read, 'location', 'INSERT INTO fs_probe VALUES (1)')).toBe(false);
    expect(await allowed(write, 'location', 'INSERT INTO fs_probe VALUES (2)')).toBe(true);
    expect(await allowed(write, 'location', 'CREATE TABLE fs_other (id INT)')).toBe(false);
    expect(await allowed(ddl, 'location', 'DROP TABLE fs_probe')).toBe(true);
    const before = await accounts('location');

    // Again, on the machine as the first run left it: nothing changes, and the stamp is skipped.
    const again = await apply(t, INSTALLED);
    expect(again.status, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stderr).toMatch(/Wrote 0 file\(s\) .*\(5 unchanged\)/);
    // `docker ps` lists this install's own scheduler (project ichnaea, service scheduler) now: not another one.
    expect(again.stderr).toMatch(/^PASS +one-scheduler: no other Ichnaea scheduler runs on this machine/m);
    expect(again.stderr).toMatch(/^OK +database: .*: nothing changed: database location, 3 user\(s\) and their privileges already match$/m);
    expect(again.stderr).toMatch(/^SKIP migrate-stamp: .*already done/m);
    expect(again.stderr).toMatch(/^SKIP stop-writers:/m);
    expect(composeWork(calls(t).slice(first.length))).toEqual([
      '--profile tools pull',
      'up -d db',
      'run --rm shell alembic upgrade head',
      'run --rm -e ICHNAEA_API_KEY shell sh -c exec /app/ichnaea/scripts/apikey.py create "$ICHNAEA_API_KEY"',
      'up -d worker scheduler',
      'up -d --remove-orphans',
    ]);
    expect(await accounts('location')).toEqual(before);
    expect(readFileSync(file('api-key.txt'), 'utf8').trim()).toBe(key);
    const everythingAgain = [again.stdout, again.stderr, readFileSync(t.record, 'utf8'), ...ownFiles(t.dir)].join('\n');
    expect(everythingAgain).toContain("[api-key]   API key '[masked:api_key]' exists");
    expect(everythingAgain).not.toContain(key);
  }, 120_000);

  it('fails at the heartbeat when the web role reports the database down: names it, its fix, and how to resume', async () => {
    const t = setUp({ users: 'gate' });
    web.state = 'database-down';
    const seenBefore = web.seen.length;
    try {
      const r = await apply(t, FIRST_INSTALL);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(4);
      expect(r.stderr).toMatch(/Step heartbeat failed: GET http:\/\/127\.0\.0\.1:\d+\/__heartbeat__: no healthy answer .*last: HTTP 503 Service Unavailable \(expected 200\); not as expected: the database\. Fix each part below:/);
      expect(r.stderr).toContain(`  - the database: database.up is false, expected true. Fix: the MariaDB container must be up (\`docker compose ps db\`; see \`docker compose logs db\` in ${t.dir})`);
      // The schema cannot be judged while the database is down: no migration advice.
      expect(r.stderr).not.toContain('the database schema:');
      expect(r.stderr).toContain(`fieldstation resume --dir ${t.dir}`);
      // The geolocate gate waits for the heartbeat: never asked.
      expect(web.seen.slice(seenBefore).map((q) => q.path)).not.toContain('/v1/geolocate');
      // Everything before the gate ran.
      expect(composeWork(calls(t)).at(-1)).toBe('up -d --remove-orphans');
      expect(JSON.parse(readFileSync(join(t.dir, '.fieldstation', 'journal.json'), 'utf8'))).toMatchObject({ status: 'failed', steps: { heartbeat: { status: 'failed' }, up: { status: 'done' } } });
    } finally {
      web.state = 'healthy';
    }
  }, 90_000);
});

describe('the one-scheduler check', () => {
  const otherScheduler = container('lab-b-scheduler-1', IMAGE, '"/bin/sh -c \'exec /app/docker/app_entrypoint.sh scheduler\'"', 'lab-b', 'scheduler');

  it('refuses apply before anything runs when another project\'s Ichnaea scheduler runs here, with the fix', async () => {
    const t = setUp({ users: 'sched' });
    const r = await apply(t, [{ match: 'ps --no-trunc', stdout: `${otherScheduler}\n${OUR_CONTAINERS[3]!}\n` }, ...FIRST_INSTALL]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(3);
    expect(r.stderr).toMatch(/^FAIL +one-scheduler: another Ichnaea scheduler runs here already: lab-b-scheduler-1$/m);
    expect(r.stderr).toContain('Exactly one scheduler must run across all hosts of this Ichnaea. Set roles.scheduler: false for this install, or stop the other one first (`docker stop lab-b-scheduler-1`).');
    // Nothing written, nothing run, nothing provisioned.
    expect(existsSync(t.real(join(t.dir, 'env.txt')))).toBe(false);
    expect(existsSync(t.data)).toBe(false);
    expect(calls(t).filter((c) => c.argv[0] === 'compose' && c.argv[1] !== 'version')).toEqual([]);
    expect(await accounts('sched')).toMatchObject({ users: [], schemas: [] });
  }, 60_000);

  it('has nothing to say on a host that runs no scheduler of this install', async () => {
    const t = setUp({ users: 'nosched', scheduler: false });
    const r = await apply(t, [{ match: 'ps --no-trunc', stdout: `${otherScheduler}\n` }, ...FIRST_INSTALL]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).not.toMatch(/one-scheduler/);
    expect(composeWork(calls(t))).toContain('up -d worker');
  }, 90_000);
});
