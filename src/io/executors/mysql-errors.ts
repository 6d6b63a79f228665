import type { MysqlProvision } from '../../kit/steps/mysql-provision.js';
import { maskFor, type Secret } from '../../core/secrets/secret.js';
import { NATIVE_PLUGIN, nativePasswordHash } from './mysql-sql.js';

// Driver errors turned into messages that say what to do next, with every secret masked.

export interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly message?: string;
  readonly errors?: readonly DriverError[];
}

/** Replaces every secret value (and its password hash) in a driver message with its mask. */
export function makeScrubber(secrets: readonly Secret[]): (text: string) => string {
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

export function connectError(err: DriverError, where: string, admin: string, timeoutMs: number): string {
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

export function statementError(err: DriverError, doing: string, where: string, p: MysqlProvision): string {
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
