import { createConnection as createCoreConnection, escape as sqlLiteral, type ConnectionOptions } from 'mysql2';
import type { Connection as PromiseConnection, RowDataPacket } from 'mysql2/promise';
import type { MysqlProvision, MysqlProvisionRun } from '../../kit/steps/mysql-provision.js';
import type { Executor, Outcome } from './types.js';
import { connectError, makeScrubber, statementError, type DriverError } from './mysql-errors.js';
import { account, checkProvision, grantPattern, grantTarget, ident, nativePasswordHash, NATIVE_PLUGIN, SERVER_PRIVILEGE_NAME, shownAccount, type User } from './mysql-sql.js';

export interface MysqlProvisionOptions {
  /** How long the TCP connection and handshake may take, per connection. Default 10000 ms. */
  readonly connectTimeoutMs?: number;
}

/** Thrown inside the executor to stop with a message for people; turned into {ok:false}. */
class Refusal extends Error {}
/** Thrown when the signal aborts between statements. */
class Interrupted extends Error {}

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
