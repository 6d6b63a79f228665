import { createHash } from 'node:crypto';
import { escape as sqlLiteral } from 'mysql2';
import type { MysqlProvision, SqlPrivilege } from '../../kit/steps/mysql-provision.js';
import type { Secret } from '../../core/secrets/secret.js';

// What the provisioning executor writes into SQL text, and the checks that make that safe.

/** The privileges a provisioned user may be given, as the server names them (information_schema). */
const KNOWN_PRIVILEGES: readonly SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'EXECUTE'];

// Strict names: they end up inside backticks or quotes in DDL, where placeholders cannot go.
const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const USER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;
/** Host part of an account: '%', a name, an IPv4/IPv6 address, or a pattern with % and _ (lowercase: hosts are case-insensitive). */
const ACCOUNT_HOST = /^[a-z0-9.%_:-]{1,255}$/;
const CHARSET_NAME = /^[a-z0-9_]{1,64}$/;
/** A privilege name read back from the server, before it is used in a REVOKE. */
export const SERVER_PRIVILEGE_NAME = /^[A-Z][A-Z_ ]{0,63}$/;
const SYSTEM_DATABASES = new Set(['mysql', 'information_schema', 'performance_schema', 'sys']);

export const NATIVE_PLUGIN = 'mysql_native_password';

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
export const ident = (name: string): string => `\`${name.replaceAll('`', '``')}\``;
/** A database name as a GRANT target: `_` and `%` are wildcards there, so they are escaped to match only this database. */
export const grantTarget = (database: string): string => `${ident(database.replace(/[_%]/g, (c) => `\\${c}`))}.*`;
/** The same pattern as the server stores it (mysql.db, information_schema.SCHEMA_PRIVILEGES.TABLE_SCHEMA). */
export const grantPattern = (database: string): string => database.replace(/[_%]/g, (c) => `\\${c}`);
export const account = (name: string, host: string): string => `${sqlLiteral(name)}@${sqlLiteral(host)}`;
export const shownAccount = (name: string, host: string): string => `'${name}'@'${host}'`;

export interface User {
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
