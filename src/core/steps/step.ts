import type { Secret } from '../secrets/secret.js';

/** A value passed to a child: plain text, or a secret that is revealed only when the child is started. */
export type ChildValue = string | Secret;

/** What says a step is already done, so a re-run skips it and says why. Data, so `plan` can print it. */
export type Probe =
  | { readonly kind: 'path-exists'; readonly path: string }
  | { readonly kind: 'exec'; readonly argv: readonly string[]; readonly cwd?: string; readonly env?: Readonly<Record<string, ChildValue>> }
  | { readonly kind: 'http'; readonly check: HttpCheck };

export interface HttpCheck {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** HTTP basic auth; the password is a secret and is never printed. */
  readonly basicAuth?: { readonly user: string; readonly password: Secret };
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with Content-Type: application/json). May hold secrets: never printed. */
  readonly json?: unknown;
  /** What a healthy answer looks like, in words, and the JSON keys it must have. */
  readonly expect: {
    readonly status: number;
    readonly jsonKeys?: readonly string[];
    /** The answer must be a JSON list holding an object whose `key` is `value` (e.g. a user by name). */
    readonly listItem?: { readonly key: string; readonly value: string | number };
    readonly description: string;
  };
  /** Keep trying until this many seconds have passed. */
  readonly deadlineSeconds: number;
}

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

export interface RedisPing {
  readonly host: string;
  readonly port: number;
  readonly password?: Secret;
}

export type StepRun =
  | { readonly kind: 'exec'; readonly argv: readonly string[]; readonly cwd?: string; readonly env?: Readonly<Record<string, ChildValue>>; readonly stdin?: ChildValue }
  | { readonly kind: 'mkdir'; readonly paths: readonly string[]; readonly mode: number }
  | { readonly kind: 'http'; readonly check: HttpCheck }
  | { readonly kind: 'mysql-provision'; readonly provision: MysqlProvision }
  | { readonly kind: 'redis-ping'; readonly redis: RedisPing };

/**
 * One bootstrap step, as data: the plan prints it, the runner executes it. A command is an argv, never a
 * shell string, and a secret reaches it only through env or stdin (argv shows in `ps` and in error messages).
 */
export interface Step {
  readonly id: string;
  readonly title: string;
  readonly run: StepRun;
  /** Why the step is in the plan only for some answers (printed; the stack already left it out otherwise). */
  readonly when?: string;
  readonly skipIf?: Probe;
  /** Changes or deletes data: needs an explicit confirmation (or --yes-destructive). */
  readonly destructive?: boolean;
  readonly dependsOn?: readonly string[];
  /** Seconds before the step is stopped (TERM, then KILL) and counted as failed. */
  readonly timeoutSeconds?: number;
  /** Extra attempts after a failure, with exponential backoff. */
  readonly retries?: number;
}
