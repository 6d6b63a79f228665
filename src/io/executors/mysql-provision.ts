import { createHash } from 'node:crypto';
import { createConnection as createCoreConnection, escape as sqlLiteral, type ConnectionOptions } from 'mysql2';
import type { Connection as PromiseConnection, RowDataPacket } from 'mysql2/promise';
import type { MysqlProvision, MysqlProvisionRun, SqlPrivilege } from '../../kit/steps/mysql-provision.js';
import { maskFor, type Secret } from '../../core/secrets/secret.js';
import type { Executor, Outcome } from './types.js';

export interface MysqlProvisionOptions {
  /** How long the TCP connection and handshake may take, per connection. Default 10000 ms. */
  readonly connectTimeoutMs?: number;
}

/** The privileges a provisioned user may be given, as the server names them (information_schema). */
const KNOWN_PRIVILEGES: readonly SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'EXECUTE'];

// Strict names: they end up inside backticks or quotes in DDL, where placeholders cannot go.
const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const USER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;
/** Host part of an account: '%', a name, an IPv4/IPv6 address, or a pattern with % and _ (lowercase: hosts are case-insensitive). */
const ACCOUNT_HOST = /^[a-z0-9.%_:-]{1,255}$/;
const CHARSET_NAME = /^[a-z0-9_]{1,64}$/;
/** A privilege name read back from the server, before it is used in a REVOKE. */
const SERVER_PRIVILEGE_NAME = /^[A-Z][A-Z_ ]{0,63}$/;
const SYSTEM_DATABASES = new Set(['mysql', 'information_schema', 'performance_schema', 'sys']);

const NATIVE_PLUGIN = 'mysql_native_password';

/** Thrown inside the executor to stop with a message for people; turned into {ok:false}. */
class Refusal extends Error {}
/** Thrown when the signal aborts between statements. */
class Interrupted extends Error {}

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly message?: string;
  readonly errors?: readonly DriverError[];
}

/**
 * The mysql_native_password hash ('*' + upper hex SHA1(SHA1(password))), as MariaDB and MySQL store it.
 * Comparing it with mysql.user tells whether the password is already right without a test login (which
 * depends on where this machine connects from, anonymous users and connection limits); setting it with
 * `IDENTIFIED BY PASSWORD` / `IDENTIFIED WITH mysql_native_password AS` keeps the clear text off the wire,
 * out of the server's logs and out of any error message echoing the statement.
 */
export function nativePasswordHash(password: string): string {
  const once = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(once).digest('hex').toUpperCase()}`;
}

/** `name`: the name has been checked against a strict pattern; backticks are doubled anyway. */
const ident = (name: string): string => `\`${name.replaceAll('`', '``')}\``;
/** A database name as a GRANT target: `_` and `%` are wildcards there, so they are escaped to match only this database. */
const grantTarget = (database: string): string => `${ident(database.replace(/[_%]/g, (c) => `\\${c}`))}.*`;
/** The same pattern as the server stores it (mysql.db, information_schema.SCHEMA_PRIVILEGES.TABLE_SCHEMA). */
const grantPattern = (database: string): string => database.replace(/[_%]/g, (c) => `\\${c}`);
const account = (name: string, host: string): string => `${sqlLiteral(name)}@${sqlLiteral(host)}`;
const shownAccount = (name: string, host: string): string => `'${name}'@'${host}'`;

interface User {
  readonly name: string;
  readonly host: string;
  readonly password: Secret;
  readonly privileges: readonly SqlPrivilege[];
}

/** Checks everything that will be written into SQL text; returns a message naming the problem and the fix. */
export function checkProvision(p: MysqlProvision): string | undefined {
  if (!Number.isInteger(p.server.port) || p.server.port < 1 || p.server.port > 65535) return `MySQL port ${String(p.server.port)} is not a port number (1-65535)`;
  if (!p.server.host) return 'the MySQL host is empty: set the server host';
  if (!p.admin.user) return 'the MySQL admin user is empty: set the admin user (e.g. root)';
  if (!DATABASE_NAME.test(p.database)) return `database name ${JSON.stringify(p.database)} is refused: use 1-64 letters, digits or _`;
  if (SYSTEM_DATABASES.has(p.database.toLowerCase())) return `database name ${JSON.stringify(p.database)} is a system database: choose another name`;
  if (!CHARSET_NAME.test(p.charset)) return `character set ${JSON.stringify(p.charset)} is refused: use a MySQL character set name such as utf8mb4 or utf8`;
  if (!CHARSET_NAME.test(p.collation)) return `collation ${JSON.stringify(p.collation)} is refused: use a MySQL collation name such as utf8mb4_unicode_ci`;
  if (p.users.length === 0) return `no users to provision for database ${p.database}: list at least one`;
  const seen = new Set<string>();
  for (const u of p.users) {
    if (!USER_NAME.test(u.name)) return `user name ${JSON.stringify(u.name)} is refused: use 1-32 letters, digits, _, . or -`;
    if (!ACCOUNT_HOST.test(u.host)) return `host ${JSON.stringify(u.host)} of user ${u.name} is refused: use '%', a lowercase host name, an IP address or a pattern with % and _`;
    if (!u.password.reveal()) return `user ${shownAccount(u.name, u.host)} has an empty password: set one`;
    if (u.name === p.admin.user) return `user ${u.name} is also the admin user: provisioning would change the admin account; give the application users their own names`;
    const key = `${u.name}@${u.host}`;
    if (seen.has(key)) return `user ${shownAccount(u.name, u.host)} is listed twice: list each account once`;
    seen.add(key);
    if (u.privileges.length === 0) return `user ${shownAccount(u.name, u.host)} has no privileges listed: give it at least one (e.g. SELECT)`;
    for (const priv of u.privileges) {
      if (!KNOWN_PRIVILEGES.includes(priv)) return `privilege ${JSON.stringify(priv)} of user ${u.name} is not one of ${KNOWN_PRIVILEGES.join(', ')}`;
    }
  }
  return undefined;
}

/**
 * Makes a database and its users match the step exactly: creates what is missing, changes passwords that
 * differ (mysql_native_password, which Ichnaea's PyMySQL needs on MySQL 8), grants the missing privileges on
 * `db`.* and revokes the extra ones (and any on *.*). A second run with the same input changes nothing.
 * The admin account must be able to read the mysql schema and to create users and grant (root does).
 */
export function createMysqlProvision(options: MysqlProvisionOptions = {}): Executor<MysqlProvisionRun> {
  const connectTimeout = Math.max(1, options.connectTimeoutMs ?? 10_000);
  return async (run, ctx) => {
    const p = run.provision;
    const problem = checkProvision(p);
    if (problem) return { ok: false, error: problem };
    if (ctx.signal.aborted) return interrupted();

    const where = `${p.server.host}:${p.server.port}`;
    const secrets = [p.admin.password, ...p.users.map((u) => u.password)];
    const scrub = makeScrubber(secrets);

    let conn: PromiseConnection;
    try {
      conn = await connect({ host: p.server.host, port: p.server.port, user: p.admin.user, password: p.admin.password.reveal(), connectTimeout }, ctx.signal);
    } catch (err) {
      if (ctx.signal.aborted || err instanceof Interrupted) return interrupted();
      return { ok: false, error: scrub(connectError(err as DriverError, where, p.admin.user, connectTimeout)) };
    }
    const onAbort = () => conn.destroy();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let doing = 'reading the server version';
    const step = (what: string) => {
      if (ctx.signal.aborted) throw new Interrupted();
      doing = what;
    };
    try {
      const changes = await provision(conn, p, ctx.onLine, step);
      const detail = changes.length === 0
        ? `nothing changed: database ${p.database}, ${p.users.length} user(s) and their privileges already match`
        : `changed: ${changes.join('; ')}`;
      return { ok: true, detail };
    } catch (err) {
      if (ctx.signal.aborted || err instanceof Interrupted) return interrupted();
      if (err instanceof Refusal) return { ok: false, error: scrub(err.message) };
      return { ok: false, error: scrub(statementError(err as DriverError, doing, where, p)) };
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      if (ctx.signal.aborted) conn.destroy();
      else await conn.end().catch(() => conn.destroy());
    }
  };
}

export const mysqlProvision: Executor<MysqlProvisionRun> = createMysqlProvision();

const interrupted = (): Outcome => ({ ok: false, error: 'interrupted' });

/**
 * Connects with the core driver so an abort can destroy the socket during the handshake (mysql2/promise's
 * createConnection gives nothing to close until it resolves), then hands back the promise wrapper.
 */
function connect(config: ConnectionOptions, signal: AbortSignal): Promise<PromiseConnection> {
  return new Promise((resolve, reject) => {
    const core = createCoreConnection({ ...config, multipleStatements: false, charset: 'UTF8MB4_GENERAL_CI' });
    // A fatal error after the connection is up reaches the pending query; this listener keeps a late
    // 'error' event from crashing the process.
    core.on('error', () => undefined);
    const onAbort = () => {
      core.destroy();
      reject(new Interrupted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    core.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(core.promise());
    });
    core.once('error', (err: Error) => {
      signal.removeEventListener('abort', onAbort);
      core.destroy();
      reject(err);
    });
  });
}

async function rows(conn: PromiseConnection, sql: string, values: (string | number)[] = []): Promise<RowDataPacket[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql, values);
  return result;
}

async function provision(conn: PromiseConnection, p: MysqlProvision, onLine: (line: string, stream: 'info') => void, step: (what: string) => void): Promise<string[]> {
  const info = (line: string) => onLine(line, 'info');
  const changes: string[] = [];

  step('reading the server version');
  const [versionRow] = await rows(conn, 'SELECT VERSION() AS v');
  const isMariaDb = String(versionRow?.['v'] ?? '').toLowerCase().includes('mariadb');

  // utf8 is an alias of utf8mb3 on MariaDB 10.6+ and MySQL 8.0.30+, and information_schema reports the
  // real name: ask the server for its own spelling so an unchanged database is not "changed" every run.
  step(`checking character set ${p.charset} and collation ${p.collation}`);
  const [cs] = await rows(conn, `SELECT CHARSET(CONVERT('' USING ${p.charset})) AS cs, COLLATION(CONVERT('' USING ${p.charset}) COLLATE ${p.collation}) AS co`);
  const charset = String(cs?.['cs']);
  const collation = String(cs?.['co']);

  // --- the database
  step(`checking database ${p.database}`);
  const [schema] = await rows(conn, 'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [p.database]);
  if (!schema) {
    step(`creating database ${p.database}`);
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${ident(p.database)} CHARACTER SET ${p.charset} COLLATE ${p.collation}`);
    info(`database ${p.database}: created (${charset}, ${collation})`);
    changes.push(`database ${p.database} created`);
  } else if (schema['cs'] !== charset || schema['co'] !== collation) {
    step(`changing the character set of database ${p.database}`);
    await conn.query(`ALTER DATABASE ${ident(p.database)} CHARACTER SET ${p.charset} COLLATE ${p.collation}`);
    info(`database ${p.database}: exists; default character set changed from ${String(schema['cs'])}/${String(schema['co'])} to ${charset}/${collation} (tables already in it keep theirs)`);
    changes.push(`database ${p.database} character set changed`);
  } else {
    info(`database ${p.database}: exists`);
  }

  for (const user of p.users) {
    const who = shownAccount(user.name, user.host);
    const changed = await provisionUser(conn, p, user, isMariaDb, info, step);
    if (changed.length) changes.push(`${who} ${changed.join(', ')}`);
  }
  return changes;
}

async function provisionUser(conn: PromiseConnection, p: MysqlProvision, user: User, isMariaDb: boolean, info: (line: string) => void, step: (what: string) => void): Promise<string[]> {
  const who = shownAccount(user.name, user.host);
  const target = account(user.name, user.host);
  const changed: string[] = [];
  const hash = nativePasswordHash(user.password.reveal());
  // MariaDB: IDENTIFIED BY PASSWORD '<hash>' is mysql_native_password. MySQL 8 defaults to
  // caching_sha2_password, which PyMySQL without `cryptography` cannot use: name the plugin.
  const identified = isMariaDb ? `IDENTIFIED BY PASSWORD ${sqlLiteral(hash)}` : `IDENTIFIED WITH ${NATIVE_PLUGIN} AS ${sqlLiteral(hash)}`;

  // --- the account and its password
  step(`reading account ${who} from mysql.user`);
  const [existing] = await rows(conn, 'SELECT plugin, authentication_string AS auth FROM mysql.user WHERE User = ? AND Host = ?', [user.name, user.host]);
  if (!existing) {
    step(`creating user ${who}`);
    await conn.query(`CREATE USER ${target} ${identified}`);
    info(`user ${who}: created`);
    changed.push('created');
  } else if (existing['plugin'] === NATIVE_PLUGIN && existing['auth'] === hash) {
    info(`user ${who}: password unchanged`);
  } else {
    step(`changing the password of ${who}`);
    await conn.query(`ALTER USER ${target} ${identified}`);
    const plugin = String(existing['plugin'] ?? '');
    const note = plugin && plugin !== NATIVE_PLUGIN ? ` (it used ${plugin}; now ${NATIVE_PLUGIN})` : '';
    info(`user ${who}: password changed${note}`);
    changed.push('password changed');
  }

  // --- privileges: exactly the listed ones on `db`.*, none on *.*
  const grantee = `'${user.name}'@'${user.host}'`;
  const pattern = grantPattern(p.database);
  step(`reading the privileges of ${who}`);
  const schemaRows = await rows(conn, 'SELECT TABLE_SCHEMA AS db, PRIVILEGE_TYPE AS priv, IS_GRANTABLE AS g FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?', [grantee]);
  const globalRows = await rows(conn, 'SELECT PRIVILEGE_TYPE AS priv, IS_GRANTABLE AS g FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?', [grantee]);
  const tableRows = await rows(conn, 'SELECT DISTINCT TABLE_SCHEMA AS db FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ?', [grantee]);

  const wanted = new Set<string>(user.privileges);
  const have = new Set<string>();
  let haveGrantOption = false;
  const elsewhere = new Set<string>();
  for (const r of schemaRows) {
    if (r['db'] !== pattern) {
      elsewhere.add(String(r['db']));
      continue;
    }
    have.add(String(r['priv']));
    if (r['g'] === 'YES') haveGrantOption = true;
  }
  const missing = [...wanted].filter((x) => !have.has(x));
  const extra = [...have].filter((x) => !wanted.has(x));
  for (const x of extra) checkServerPrivilege(x, who);

  const globalExtra = globalRows.map((r) => String(r['priv'])).filter((x) => x !== 'USAGE');
  const globalGrantOption = globalRows.some((r) => r['g'] === 'YES');
  for (const x of globalExtra) checkServerPrivilege(x, who);

  const revoked = [...extra, ...(haveGrantOption ? ['GRANT OPTION'] : [])];
  if (revoked.length) {
    step(`revoking privileges of ${who} on ${p.database}`);
    await conn.query(`REVOKE ${revoked.join(', ')} ON ${grantTarget(p.database)} FROM ${target}`);
  }
  if (missing.length) {
    step(`granting privileges to ${who} on ${p.database}`);
    // Keep the order of the step's list, so the report reads like the input.
    const ordered = user.privileges.filter((x) => missing.includes(x));
    await conn.query(`GRANT ${ordered.join(', ')} ON ${grantTarget(p.database)} TO ${target}`);
  }
  const globalRevoked = [...globalExtra, ...(globalGrantOption ? ['GRANT OPTION'] : [])];
  if (globalRevoked.length) {
    step(`revoking global privileges of ${who}`);
    await conn.query(`REVOKE ${globalRevoked.join(', ')} ON *.* FROM ${target}`);
  }

  const parts: string[] = [];
  if (missing.length) parts.push(`granted ${user.privileges.filter((x) => missing.includes(x)).join(', ')}`);
  if (revoked.length) parts.push(`revoked ${revoked.join(', ')}`);
  if (globalRevoked.length) parts.push(`revoked ${globalRevoked.join(', ')} on *.*`);
  info(`user ${who} privileges on ${p.database}.*: ${parts.length ? parts.join('; ') : `unchanged (${user.privileges.join(', ')})`}`);
  if (parts.length) changed.push(`privileges ${parts.join('; ')}`);

  const others = new Set([...elsewhere, ...tableRows.map((r) => String(r['db'])).filter((d) => d !== p.database)]);
  if (tableRows.some((r) => r['db'] === p.database)) info(`user ${who}: note: has table- or column-level grants inside ${p.database}; left alone`);
  if (others.size) info(`user ${who}: note: also has privileges on ${[...others].sort().join(', ')}; left alone`);
  return changed;
}

function checkServerPrivilege(name: string, who: string): void {
  if (!SERVER_PRIVILEGE_NAME.test(name)) throw new Refusal(`the server reports a privilege of ${who} named ${JSON.stringify(name)}, which this program does not know how to revoke; revoke it by hand and run again`);
}

/** Replaces every secret value (and its password hash) in a driver message with its mask. */
function makeScrubber(secrets: readonly Secret[]): (text: string) => string {
  const pairs: [string, string][] = [];
  for (const s of secrets) {
    const value = s.reveal();
    if (!value) continue;
    pairs.push([value, maskFor(s.id)], [nativePasswordHash(value), maskFor(s.id)], [nativePasswordHash(value).slice(1), maskFor(s.id)]);
  }
  // Longest first, so a secret that contains another is masked whole.
  pairs.sort((a, b) => b[0].length - a[0].length);
  return (text) => pairs.reduce((t, [value, mask]) => t.split(value).join(mask), text);
}

const codeOf = (err: DriverError): string | undefined => err.code ?? err.errors?.find((e) => e.code)?.code;

function connectError(err: DriverError, where: string, admin: string, timeoutMs: number): string {
  const code = codeOf(err);
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections on ${where}: is MariaDB/MySQL running and listening there (check its port and bind-address)?`;
    case 'ETIMEDOUT':
      return `MariaDB/MySQL at ${where} did not answer within ${Math.round(timeoutMs / 100) / 10} s: check the host, the port and any firewall in between`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the MySQL host in ${where}: check the host name`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach ${where} (no route to host): check the host and the network`;
    case 'ECONNRESET':
    case 'PROTOCOL_CONNECTION_LOST':
      return `the server at ${where} closed the connection during the handshake: is it MariaDB/MySQL, and is it accepting connections?`;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return `MariaDB/MySQL at ${where} refused the admin login as '${admin}': the admin password is wrong (or the account may not log in from this machine); fix the admin password and run again`;
    case 'ER_HOST_NOT_PRIVILEGED':
      return `MariaDB/MySQL at ${where} does not let '${admin}' connect from this machine: allow the admin account from this host, or run the installer where it may connect`;
    case 'ER_TOO_MANY_USER_CONNECTIONS':
    case 'ER_CON_COUNT_ERROR':
      return `MariaDB/MySQL at ${where} has too many connections: try again later or raise max_connections`;
    default:
      return `could not connect to MariaDB/MySQL at ${where} as '${admin}': ${err.message ?? 'unknown error'}${code ? ` (${code})` : ''}`;
  }
}

function statementError(err: DriverError, doing: string, where: string, p: MysqlProvision): string {
  const code = codeOf(err);
  const why = `${err.message ?? 'unknown error'}${code ? ` (${code})` : ''}`;
  switch (code) {
    case 'ER_UNKNOWN_CHARACTER_SET':
      return `the server does not know character set ${p.charset}: use one it supports (e.g. utf8mb4 or utf8)`;
    case 'ER_UNKNOWN_COLLATION':
    case 'ER_COLLATION_CHARSET_MISMATCH':
      return `collation ${p.collation} does not fit character set ${p.charset} on this server: ${why}; fix the collation`;
    case 'ER_PLUGIN_IS_NOT_LOADED':
      return `${doing}: the server has no ${NATIVE_PLUGIN} plugin (MySQL 8.4 turns it off by default): start mysqld with --mysql-native-password=ON, or use MariaDB`;
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
    case 'ER_PASSWORD_NOT_ALLOWED':
      return `${doing}: admin '${p.admin.user}' lacks a privilege (${why}); use an admin that can read the mysql schema, create users and grant with GRANT OPTION (e.g. root)`;
    case 'ER_CANNOT_USER':
      return `${doing}: the server refused (${why}); check the account in mysql.user`;
    case 'ECONNRESET':
    case 'PROTOCOL_CONNECTION_LOST':
    case 'ER_SERVER_SHUTDOWN':
      return `${doing}: the connection to ${where} was lost (${why}); check the server and run again`;
    default:
      return `${doing}: ${why}`;
  }
}
