import type { Secret } from '../../core/secrets/secret.js';
import type { StackInput } from '../../core/stack.js';
import type { Step } from '../../core/steps/step.js';
import {
  execKind, http, httpKind, mkdir, mkdirKind, mysqlProvision, mysqlProvisionKind, pathExistsKind, redisPing, redisPingKind, tlsCertificateKind,
  type FolderSpec, type SqlPrivilege,
} from '../../kit/steps/index.js';
import { exec } from '../../kit/steps/index.js';
import { compose, inShell } from './compose.js';
import { dbMode, dbServer, expectedHead, geoipHostPath, proxied, provisions, redisMode, redisServer, runsScheduler, serviceUrl, webCount, workerCount } from './model.js';
import { certificateServed, certificateSteps } from './steps-tls.js';

export const stepKinds = [execKind, mkdirKind, httpKind, pathExistsKind, mysqlProvisionKind, redisPingKind, tlsCertificateKind];

const READ: SqlPrivilege[] = ['SELECT'];
const WRITE: SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** What the migrations do on the database: schema changes and the data they move; nothing server-wide. */
const DDL: SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'CREATE VIEW', 'SHOW VIEW'];

/** The official mariadb image runs mysqld as uid and gid 999. */
const MARIADB_USER = { uid: 999, gid: 999 } as const;

function folders({ answers }: StackInput): FolderSpec[] {
  const root = String(answers['data_dir']);
  const out: FolderSpec[] = [];
  if (dbMode(answers) === 'container' || proxied(answers)) out.push({ path: root, mode: 0o755, why: 'the server\'s data: MariaDB\'s files and certificates' });
  if (dbMode(answers) === 'container') out.push({ path: `${root}/mariadb`, mode: 0o750, owner: MARIADB_USER, why: 'MariaDB\'s datadir: the mariadb image runs mysqld as uid and gid 999' });
  if (proxied(answers)) {
    const domain = String(answers['proxy.domain']);
    out.push(
      { path: `${root}/certbot-www`, mode: 0o755, why: 'the ACME challenge webroot: nginx\'s workers, not root, read what certbot writes' },
      { path: `${root}/letsencrypt`, mode: 0o755, why: 'certificates (/etc/letsencrypt): nginx\'s master and certbot read it as root; the keys are inside the 0700 live/ and archive/' },
      { path: `${root}/letsencrypt/live`, mode: 0o700, why: 'as certbot makes it: the way to the keys, for root only' },
      { path: `${root}/letsencrypt/live/${domain}`, mode: 0o700, why: 'the temporary certificate that lets nginx start goes here until certbot replaces it' },
    );
  }
  return out;
}

/** The database and its three users, made to match: created, or passwords changed with ALTER USER, grants on the database only. */
function provisionStep(input: StackInput, after: string[]): Step[] {
  const { answers, secrets } = input;
  if (!provisions(answers)) return [];
  const container = dbMode(answers) === 'container';
  const user = (role: 'read' | 'write' | 'ddl', privileges: SqlPrivilege[]) => ({
    name: String(answers[`db.${role}_user`]),
    host: '%',
    password: secrets[`db.${role}_password`] as Secret,
    privileges,
  });
  return [{
    id: 'database',
    title: `Database ${String(answers['db.name'])} and its three users provisioned`,
    run: mysqlProvision({
      server: dbServer(answers).fromHost,
      admin: container ? { user: 'root', password: secrets['db.root_password'] as Secret } : { user: String(answers['db.admin_user']), password: secrets['db.admin_password'] as Secret },
      database: String(answers['db.name']),
      charset: 'utf8',
      collation: 'utf8_general_ci',
      users: [user('read', READ), user('write', WRITE), user('ddl', DDL)],
    }),
    dependsOn: after,
    // A new MariaDB container takes a while to initialise its data folder before it accepts logins.
    retries: container ? 6 : 1,
  }];
}

/** Ichnaea's heartbeat through the proxy (or on the web port here): every part up, each failing one named with its fix. */
export function heartbeatStep(input: StackInput, after: string): Step {
  const { answers, dir } = input;
  const url = serviceUrl(answers);
  const head = expectedHead(answers);
  const logs = (service: string) => `see \`docker compose logs ${service}\` in ${dir}`;
  const database = dbMode(answers) === 'container'
    ? `the MariaDB container must be up (\`docker compose ps db\`; ${logs('db')})`
    : `${String(answers['db.host'])}:${String(answers['db.port'])} must accept the read user from the containers (firewall, bind-address, the user's host part)`;
  return {
    id: 'heartbeat',
    title: 'Ichnaea reports its database, GeoIP and Redis up',
    run: http({
      method: 'GET',
      url: `${url}/__heartbeat__`,
      expect: {
        status: 200,
        diagnoseOn: [503],
        json: [
          { path: 'database.up', equals: true, part: 'the database', fix: database },
          ...(head ? [{ path: 'database.alembic_version', equals: head, needs: 'database.up', part: 'the database schema', fix: `run the migrations: \`docker compose run --rm shell alembic upgrade head\` in ${dir}` }] : []),
          { path: 'geoip.up', equals: true, part: 'the GeoIP database', fix: `GEOIP_PATH must name a City database inside the mounted folder: check ${geoipHostPath(answers)} (\`fieldstation validate\` judges it) and ${logs('web')}` },
          { path: 'geoip.age_in_days', atLeast: 0, needs: 'geoip.up', part: 'the GeoIP database\'s age', fix: 'a GeoIP file without a build date: download a fresh GeoLite2-City' },
          { path: 'redis.up', equals: true, part: 'Redis', fix: redisMode(answers) === 'container' ? `the cache container must be up (\`docker compose ps cache\`; ${logs('cache')})` : 'REDIS_URI\'s server must answer the containers (address, password, firewall)' },
        ],
        description: `every part up${head ? ` and the schema at ${head}` : ''}`,
      },
      deadlineSeconds: 300,
    }),
    dependsOn: [after],
  };
}

/** The heartbeat, then a geolocate request with the new key, answered from GeoIP. */
function gateSteps(input: StackInput, after: string): Step[] {
  const { answers, secrets, dir } = input;
  if (webCount(answers) === 0) return [];
  const url = serviceUrl(answers);
  const logs = (service: string) => `see \`docker compose logs ${service}\` in ${dir}`;
  return [
    heartbeatStep(input, after),
    {
      id: 'geolocate',
      title: 'A geolocate request with the new key is answered from GeoIP',
      run: http({
        method: 'POST',
        url: `${url}/v1/geolocate`,
        query: { key: secrets['api_key'] as Secret },
        headers: { 'X-Forwarded-For': '81.2.69.192' },
        json: { considerIp: true },
        expect: {
          status: 200,
          json: [
            { path: 'location.lat', isNumber: true, atLeast: -90, atMost: 90, part: 'the location', fix: `Ichnaea found no location for 81.2.69.192 (London): check the GeoIP database (${geoipHostPath(answers)}) and ${logs('web')}` },
            { path: 'location.lng', isNumber: true, atLeast: -180, atMost: 180, part: 'the location', fix: 'as for the latitude' },
            { path: 'accuracy', isNumber: true, part: 'the accuracy', fix: `see ${logs('web')}` },
          ],
          description: 'a location for 81.2.69.192 (London in MaxMind\'s data)',
        },
        deadlineSeconds: 60,
      }),
      dependsOn: ['heartbeat', 'api-key'],
    },
  ];
}

/** The roles that write to the database on this host: stopped before migrations, started before web. */
const writers = (answers: StackInput['answers']): string[] => [...(workerCount(answers) > 0 ? ['worker'] : []), ...(runsScheduler(answers) ? ['scheduler'] : [])];

/**
 * An upgrade, as upstream's docs order it: the scheduler and workers stop before the migrations run and
 * start again on the new image, web last. Skipped when none of them runs another image than this one
 * (a first install, a re-run with the same tag).
 */
function stopWriters({ answers, dir }: StackInput): Step[] {
  const roles = writers(answers);
  if (roles.length === 0) return [];
  const image = String(answers['image']);
  return [{
    id: 'stop-writers',
    title: 'Scheduler and workers stopped for the migrations',
    run: compose(dir, 'stop', ...roles),
    // A Compose that cannot answer (one before --format took templates) does not skip the stop.
    skipIf: exec(['sh', '-c', `out=$(docker compose ps --format '{{.Image}}' ${roles.join(' ')}) || exit 1; [ -z "$out" ] || ! printf '%s\\n' "$out" | grep -vqxF '${image}'`], { cwd: dir }),
    dependsOn: ['pull'],
  }];
}

export function steps(input: StackInput): readonly Step[] {
  const { answers, dir, secrets } = input;
  const container = dbMode(answers) === 'container';
  const redis = redisServer(answers);
  const proxy = proxied(answers);
  const shell = (...args: string[]) => inShell(dir, args);
  const beforeMigrations = [...(provisions(answers) ? ['database'] : ['pull']), ...(redisMode(answers) === 'external' ? ['redis'] : [])];
  return [
    { id: 'folders', title: 'Data folders created', run: mkdir(folders(input)) },
    // The shell service's profile: its image is the roles' image, pulled even on a host that runs none of them.
    { id: 'pull', title: 'Container images pulled', run: compose(dir, '--profile', 'tools', 'pull'), retries: 3, timeoutSeconds: 1800, dependsOn: ['folders'] },
    ...(container ? [{ id: 'db-up', title: 'MariaDB container started', run: compose(dir, 'up', '-d', 'db'), dependsOn: ['pull'] }] : []),
    ...provisionStep(input, container ? ['db-up'] : ['pull']),
    ...(redisMode(answers) === 'external'
      ? [{ id: 'redis', title: `Redis at ${redis.host}:${redis.port} answers`, run: redisPing({ host: redis.host, port: redis.port, ...(secrets['redis.password'] ? { password: secrets['redis.password'] } : {}) }), dependsOn: ['pull'] }]
      : []),
    ...stopWriters(input),
    {
      // Only on a database that has never been migrated: stamping an existing one at base would make the
      // next step run every migration again on tables that exist. `alembic current` names a revision once
      // one is stamped. When it cannot answer at all (the database unreachable for a moment), the stamp is
      // skipped too: the upgrade does not need it, and fails next with the real error instead.
      id: 'migrate-stamp',
      title: 'New database stamped at the migrations\' base',
      run: shell('alembic', 'stamp', 'base'),
      skipIf: shell('sh', '-c', 'revision=$(alembic current 2>/dev/null) || exit 0; printf "%s\\n" "$revision" | grep -Eq "^[0-9a-f]{12}"'),
      dependsOn: [...beforeMigrations, ...(writers(answers).length > 0 ? ['stop-writers'] : [])],
    },
    { id: 'migrate', title: 'Database schema migrated to the image\'s head', run: shell('alembic', 'upgrade', 'head'), dependsOn: ['migrate-stamp'], timeoutSeconds: 1800 },
    {
      // Idempotent upstream: a key that exists is reported and left alone.
      id: 'api-key',
      title: 'API key created (the one in api-key.txt)',
      run: inShell(dir, ['sh', '-c', 'exec /app/ichnaea/scripts/apikey.py create "$ICHNAEA_API_KEY"'], { ICHNAEA_API_KEY: secrets['api_key'] as Secret }),
      dependsOn: ['migrate'],
    },
    ...(proxy ? certificateSteps(input, 'migrate') : []),
    ...(writers(answers).length > 0 ? [{ id: 'up-writers', title: 'Scheduler and workers started on the image', run: compose(dir, 'up', '-d', ...writers(answers)), dependsOn: ['api-key'] }] : []),
    // The web role last: it tolerates the old schema and the new, so it keeps answering until here.
    { id: 'up', title: 'Ichnaea\'s roles started', run: compose(dir, 'up', '-d', '--remove-orphans'), dependsOn: ['migrate', 'api-key', ...(writers(answers).length > 0 ? ['up-writers'] : []), ...(proxy ? ['nginx-reload'] : [])] },
    ...(proxy ? [certificateServed(input, 'up')] : []),
    ...gateSteps(input, 'up'),
  ];
}
