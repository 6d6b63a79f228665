import type { Secret } from '../../core/secrets/secret.js';
import type { StepKind } from '../../core/steps/kind.js';

/** Privileges a provisioned database user gets on its database (never on *.*). */
export type SqlPrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'CREATE' | 'DROP' | 'ALTER' | 'INDEX' | 'REFERENCES' | 'CREATE TEMPORARY TABLES' | 'LOCK TABLES' | 'CREATE VIEW' | 'SHOW VIEW' | 'TRIGGER' | 'EXECUTE';

/**
 * A MySQL/MariaDB database and its users, made to match exactly: created when missing, passwords changed
 * with ALTER USER when they differ, privileges granted and revoked until they are the listed ones.
 * Running it twice changes nothing the second time.
 */
export interface MysqlProvision {
  readonly server: { readonly host: string; readonly port: number };
  readonly admin: { readonly user: string; readonly password: Secret };
  readonly database: string;
  readonly charset: string;
  readonly collation: string;
  readonly users: readonly {
    readonly name: string;
    /** The account's host part: '%' for containers, which connect from non-local addresses. */
    readonly host: string;
    readonly password: Secret;
    readonly privileges: readonly SqlPrivilege[];
  }[];
}

export interface MysqlProvisionRun {
  readonly kind: 'mysql-provision';
  readonly provision: MysqlProvision;
}

export const mysqlProvision = (provision: MysqlProvision): MysqlProvisionRun => ({ kind: 'mysql-provision', provision });

export const mysqlProvisionKind: StepKind<MysqlProvisionRun> = {
  kind: 'mysql-provision',
  describe: ({ provision: p }) => [
    `database: ${p.database} on ${p.server.host}:${p.server.port} (as ${p.admin.user}), ${p.charset}/${p.collation}`,
    ...p.users.map((u) => `user '${u.name}'@'${u.host}': ${u.privileges.join(', ')} on ${p.database}.*`),
  ],
  // The database clients (over a megabyte) are loaded only when such a step runs: dist/database.cjs.
  async execute(run, ctx) {
    return (await import('../../io/executors/database.js')).mysqlProvision(run, ctx);
  },
};
