import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMysqlProvision, mysqlProvision } from '../../../src/io/executors/mysql-provision.js';
import type { ExecutorContext as ExecuteContext, Outcome } from '../../../src/io/executors/types.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { MysqlProvision, SqlPrivilege } from '../../../src/kit/steps/mysql-provision.js';
import { freePort, startMariaDb, startSilentServer, type MariaDb } from '../../helpers/services.js';

/*
 * Against a real, throwaway MariaDB (the Debian 12 one). The charset is utf8 / utf8_general_ci, as in
 * Ichnaea's own my.cnf and its charset=utf8 connections; the server reports it as utf8mb3, which the
 * executor must treat as the same thing on the second run.
 */

let db: MariaDb;
beforeAll(async () => {
  db = await startMariaDb();
});
afterAll(async () => {
  await db?.stop();
});

/** Passwords with a quote, a backslash, a double quote and a non-ASCII letter: the escaping must hold. */
const password = (id: string) => new Secret(id, `${randomBytes(9).toString('base64url')}'\\"é`);

const READ: SqlPrivilege[] = ['SELECT'];
const WRITE: SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** What Ichnaea's alembic migrations need on `location`: DDL plus data, no GRANT OPTION, nothing server-wide. */
const DDL: SqlPrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX', 'REFERENCES', 'CREATE TEMPORARY TABLES', 'LOCK TABLES', 'CREATE VIEW', 'SHOW VIEW'];

interface Names { database: string; read: string; write: string; ddl: string }

function ichnaea(suffix: string): { provision: MysqlProvision; names: Names; passwords: { read: Secret; write: Secret; ddl: Secret } } {
  const names = { database: `location${suffix}`, read: `read${suffix}`, write: `write${suffix}`, ddl: `admin${suffix}` };
  const passwords = { read: password('db-read'), write: password('db-write'), ddl: password('db-admin') };
  return {
    names,
    passwords,
    provision: {
      server: { host: db.host, port: db.port },
      admin: { user: db.rootUser, password: db.rootPassword },
      database: names.database,
      charset: 'utf8',
      collation: 'utf8_general_ci',
      users: [
        { name: names.read, host: '%', password: passwords.read, privileges: READ },
        { name: names.write, host: '%', password: passwords.write, privileges: WRITE },
        { name: names.ddl, host: '%', password: passwords.ddl, privileges: DDL },
      ],
    },
  };
}

async function run(provision: MysqlProvision, options: { signal?: AbortSignal; onInfo?: (line: string) => void } = {}): Promise<{ outcome: Outcome; lines: string[] }> {
  const lines: string[] = [];
  const ctx: ExecuteContext = {
    signal: options.signal ?? new AbortController().signal,
    onLine: (line, stream) => {
      expect(stream).toBe('info');
      lines.push(line);
      options.onInfo?.(line);
    },
  };
  const outcome = await mysqlProvision({ kind: 'mysql-provision', provision }, ctx);
  return { outcome, lines };
}

const login = (user: string, secret: Secret, database?: string) =>
  mysql.createConnection({ host: db.host, port: db.port, user, password: secret.reveal(), ...(database ? { database } : {}) });

/** The driver's error code, or 'allowed' when the statement went through. */
async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'allowed';
  } catch (err) {
    return String((err as { code?: string }).code);
  }
}

async function withRoot<T>(fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await db.connectRoot();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const showGrants = (user: string) =>
  withRoot(async (c) => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('SHOW GRANTS FOR ?@?', [user, '%']);
    return rows.map((r) => String(Object.values(r)[0])).sort();
  });

const accountRows = (users: readonly string[]) =>
  withRoot(async (c) => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT User, Host, Priv FROM mysql.global_priv WHERE User IN (?) ORDER BY User', [users]);
    return rows.map((r) => `${String(r['User'])}@${String(r['Host'])} ${String(r['Priv'])}`);
  });

const expectNoSecret = (text: string, secrets: readonly Secret[]) => {
  for (const s of secrets) expect(text).not.toContain(s.reveal());
};

describe('mysql-provision against a real MariaDB', () => {
  test('provisions the Ichnaea database and users; each user can do exactly its job and nothing elsewhere', async () => {
    const { provision, names, passwords } = ichnaea('');
    const { outcome, lines } = await run(provision);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.ok && outcome.detail).toMatch(/^changed: /);
    expect(lines).toContain('database location: created (utf8mb3, utf8mb3_general_ci)');
    for (const u of [names.read, names.write, names.ddl]) expect(lines).toContain(`user '${u}'@'%': created`);
    expect(lines).toContain("user 'read'@'%' privileges on location.*: granted SELECT");
    expect(lines).toContain("user 'write'@'%' privileges on location.*: granted SELECT, INSERT, UPDATE, DELETE");
    expect(lines).toContain(`user 'admin'@'%' privileges on location.*: granted ${DDL.join(', ')}`);
    expectNoSecret(JSON.stringify({ outcome, lines }), [db.rootPassword, ...Object.values(passwords)]);

    await withRoot(async (c) => {
      const [schema] = await c.query<mysql.RowDataPacket[]>("SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'location'");
      expect(schema[0]).toEqual({ cs: 'utf8mb3', co: 'utf8mb3_general_ci' });
      const [plugins] = await c.query<mysql.RowDataPacket[]>("SELECT DISTINCT plugin FROM mysql.user WHERE User IN ('read', 'write', 'admin')");
      expect(plugins).toEqual([{ plugin: 'mysql_native_password' }]);
      await c.query('CREATE TABLE location.cell (id INT PRIMARY KEY, v VARCHAR(20))');
      await c.query("INSERT INTO location.cell VALUES (1, 'one')");
      await c.query('CREATE DATABASE other');
      await c.query('CREATE TABLE other.secret (id INT)');
    });

    // No account holds anything on *.* (only USAGE) or WITH GRANT OPTION; every other line is on `location`.*.
    for (const u of [names.read, names.write, names.ddl]) {
      const grants = await showGrants(u);
      expect(grants.filter((g) => g.includes(' ON *.* '))).toHaveLength(1);
      expect(grants.find((g) => g.includes(' ON *.* '))).toMatch(/^GRANT USAGE ON \*\.\* TO `[a-z]+`@`%` IDENTIFIED BY PASSWORD '\*[0-9A-F]{40}'$/);
      for (const g of grants.filter((x) => !x.includes(' ON *.* '))) expect(g).toMatch(/ ON `location`\.\* TO /);
      expect(grants.join('\n')).not.toContain('GRANT OPTION');
    }

    const read = await login(names.read, passwords.read, 'location');
    const write = await login(names.write, passwords.write, 'location');
    const ddl = await login(names.ddl, passwords.ddl, 'location');
    try {
      // read: SELECT only
      const [rows] = await read.query<mysql.RowDataPacket[]>('SELECT v FROM cell WHERE id = 1');
      expect(rows).toEqual([{ v: 'one' }]);
      expect(await codeOf(read.query("INSERT INTO cell VALUES (2, 'two')"))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await codeOf(read.query('DELETE FROM cell'))).toBe('ER_TABLEACCESS_DENIED_ERROR');

      // write: data, not DDL
      expect(await codeOf(write.query("INSERT INTO cell VALUES (2, 'two')"))).toBe('allowed');
      expect(await codeOf(write.query("UPDATE cell SET v = 'deux' WHERE id = 2"))).toBe('allowed');
      expect(await codeOf(write.query('DELETE FROM cell WHERE id = 2'))).toBe('allowed');
      expect(await codeOf(write.query('CREATE TABLE t (id INT)'))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await codeOf(write.query('DROP TABLE cell'))).toBe('ER_TABLEACCESS_DENIED_ERROR');

      // ddl: create, alter, drop tables in location; cannot hand out privileges
      expect(await codeOf(ddl.query('CREATE TABLE wifi (id INT PRIMARY KEY)'))).toBe('allowed');
      expect(await codeOf(ddl.query('ALTER TABLE wifi ADD COLUMN mac CHAR(12), ADD INDEX (mac)'))).toBe('allowed');
      expect(await codeOf(ddl.query('INSERT INTO wifi VALUES (1, "aabbccddeeff")'))).toBe('allowed');
      expect(await codeOf(ddl.query('DROP TABLE wifi'))).toBe('allowed');
      expect(await codeOf(ddl.query("GRANT SELECT ON location.* TO 'read'@'%'"))).toMatch(/DENIED/);

      // nobody touches another database or makes one
      for (const c of [read, write, ddl]) {
        expect(await codeOf(c.query('SELECT * FROM other.secret'))).toBe('ER_TABLEACCESS_DENIED_ERROR');
        expect(await codeOf(c.query('USE other'))).toBe('ER_DBACCESS_DENIED_ERROR');
        expect(await codeOf(c.query('CREATE DATABASE elsewhere'))).toBe('ER_DBACCESS_DENIED_ERROR');
        expect(await codeOf(c.query('SELECT * FROM mysql.user'))).toBe('ER_TABLEACCESS_DENIED_ERROR');
        const [global] = await c.query<mysql.RowDataPacket[]>('SELECT PRIVILEGE_TYPE AS p FROM information_schema.USER_PRIVILEGES');
        expect(global).toEqual([{ p: 'USAGE' }]);
      }
    } finally {
      await Promise.all([read.end(), write.end(), ddl.end()]);
    }
  });

  test('a second run with the same input changes nothing and says so', async () => {
    const { provision, names } = ichnaea('_again');
    expect((await run(provision)).outcome).toMatchObject({ ok: true });
    const users = [names.read, names.write, names.ddl];
    const grantsBefore = await Promise.all(users.map(showGrants));
    const accountsBefore = await accountRows(users);

    const { outcome, lines } = await run(provision);
    expect(outcome).toEqual({ ok: true, detail: 'nothing changed: database location_again, 3 user(s) and their privileges already match' });
    expect(lines).toEqual([
      'database location_again: exists',
      "user 'read_again'@'%': password unchanged",
      "user 'read_again'@'%' privileges on location_again.*: unchanged (SELECT)",
      "user 'write_again'@'%': password unchanged",
      "user 'write_again'@'%' privileges on location_again.*: unchanged (SELECT, INSERT, UPDATE, DELETE)",
      "user 'admin_again'@'%': password unchanged",
      `user 'admin_again'@'%' privileges on location_again.*: unchanged (${DDL.join(', ')})`,
    ]);
    expect(await Promise.all(users.map(showGrants))).toEqual(grantsBefore);
    expect(await accountRows(users)).toEqual(accountsBefore);
  });

  test('a name with _ is granted on that database only, not as a LIKE pattern matching others', async () => {
    const { provision, names, passwords } = ichnaea('_x');
    expect((await run(provision)).outcome).toMatchObject({ ok: true });
    // `location_x` unescaped in a GRANT would also match `locationAx`.
    await withRoot((c) => c.query('CREATE DATABASE locationAx'));
    const read = await login(names.read, passwords.read);
    try {
      expect(await codeOf(read.query('USE location_x'))).toBe('allowed');
      expect(await codeOf(read.query('USE locationAx'))).toBe('ER_DBACCESS_DENIED_ERROR');
    } finally {
      await read.end();
    }
    expect(await showGrants(names.read)).toContain('GRANT SELECT ON `location\\_x`.* TO `read_x`@`%`');
  });

  test('a changed password is applied with ALTER USER: the old one stops working, the new one works', async () => {
    const { provision, names, passwords } = ichnaea('_pw');
    expect((await run(provision)).outcome).toMatchObject({ ok: true });
    const old = await login(names.write, passwords.write);
    await old.end();
    const grantsBefore = await showGrants(names.write);

    const fresh = password('db-write');
    const changed: MysqlProvision = { ...provision, users: provision.users.map((u) => (u.name === names.write ? { ...u, password: fresh } : u)) };
    const { outcome, lines } = await run(changed);
    expect(outcome).toEqual({ ok: true, detail: "changed: 'write_pw'@'%' password changed" });
    expect(lines).toContain("user 'write_pw'@'%': password changed");
    expect(lines).toContain("user 'read_pw'@'%': password unchanged");
    expectNoSecret(JSON.stringify({ outcome, lines }), [passwords.write, fresh]);

    expect(await codeOf(login(names.write, passwords.write))).toBe('ER_ACCESS_DENIED_ERROR');
    const now = await login(names.write, fresh, names.database);
    await now.end();
    // Only the password hash on the USAGE line moved; the privileges did not.
    expect((await showGrants(names.write)).filter((g) => !g.includes('IDENTIFIED BY PASSWORD'))).toEqual(grantsBefore.filter((g) => !g.includes('IDENTIFIED BY PASSWORD')));
  });

  test('a removed privilege is revoked on the next run, and so are privileges added by hand', async () => {
    const { provision, names, passwords } = ichnaea('_rv');
    expect((await run(provision)).outcome).toMatchObject({ ok: true });
    await withRoot(async (c) => {
      await c.query('CREATE TABLE location_rv.cell (id INT PRIMARY KEY)');
      await c.query('INSERT INTO location_rv.cell VALUES (1), (2)');
      // Drift made by hand: an extra privilege with GRANT OPTION on the database, and one server-wide.
      await c.query("GRANT INDEX ON `location\\_rv`.* TO 'read_rv'@'%' WITH GRANT OPTION");
      await c.query("GRANT PROCESS ON *.* TO 'read_rv'@'%'");
    });

    const noDelete: MysqlProvision = { ...provision, users: provision.users.map((u) => (u.name === names.write ? { ...u, privileges: ['SELECT', 'INSERT', 'UPDATE'] } : u)) };
    const { outcome, lines } = await run(noDelete);
    expect(outcome.ok).toBe(true);
    expect(lines).toContain("user 'write_rv'@'%' privileges on location_rv.*: revoked DELETE");
    expect(lines).toContain("user 'read_rv'@'%' privileges on location_rv.*: revoked INDEX, GRANT OPTION; revoked PROCESS on *.*");
    expect(lines).toContain("user 'admin_rv'@'%' privileges on location_rv.*: unchanged (" + DDL.join(', ') + ')');

    const write = await login(names.write, passwords.write, names.database);
    try {
      expect(await codeOf(write.query('DELETE FROM cell WHERE id = 1'))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await codeOf(write.query('INSERT INTO cell VALUES (3)'))).toBe('allowed');
    } finally {
      await write.end();
    }
    expect(await showGrants(names.read)).toEqual([
      "GRANT SELECT ON `location\\_rv`.* TO `read_rv`@`%`",
      expect.stringMatching(/^GRANT USAGE ON \*\.\* TO `read_rv`@`%` IDENTIFIED BY PASSWORD/),
    ]);
    // And the run after that is quiet again.
    expect((await run(noDelete)).outcome).toMatchObject({ ok: true, detail: expect.stringMatching(/^nothing changed/) });
  });

  test('a wrong admin password fails clearly without showing any password', async () => {
    const { provision, passwords } = ichnaea('_badadmin');
    const wrong = new Secret('db-root', `${db.rootPassword.reveal()}-wrong`);
    const { outcome } = await run({ ...provision, admin: { user: 'root', password: wrong } });
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? '' : outcome.error;
    expect(error).toBe(`MariaDB/MySQL at 127.0.0.1:${db.port} refused the admin login as 'root': the admin password is wrong (or the account may not log in from this machine); fix the admin password and run again`);
    expectNoSecret(error, [wrong, db.rootPassword, ...Object.values(passwords)]);
    expect(await withRoot(async (c) => (await c.query<mysql.RowDataPacket[]>("SHOW DATABASES LIKE 'location\\_badadmin'"))[0])).toEqual([]);
  });

  test('an admin without the needed rights gets a message saying what it lacks, without a password', async () => {
    const weak = password('db-weak-admin');
    await withRoot((c) => c.query("CREATE USER 'weak'@'%' IDENTIFIED BY ?", [weak.reveal()]));
    const { provision, passwords } = ichnaea('_weak');
    const { outcome } = await run({ ...provision, admin: { user: 'weak', password: weak } });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^creating database location_weak: admin 'weak' lacks a privilege \(.*\(ER_DBACCESS_DENIED_ERROR\)\); use an admin that can read the mysql schema, create users and grant with GRANT OPTION \(e\.g\. root\)$/) });
    expectNoSecret(JSON.stringify(outcome), [weak, db.rootPassword, ...Object.values(passwords)]);
  });

  test('nothing listening on the port fails clearly', async () => {
    const { provision } = ichnaea('_noport');
    const port = await freePort();
    const { outcome } = await run({ ...provision, server: { host: '127.0.0.1', port } });
    expect(outcome).toEqual({ ok: false, error: `nothing accepts connections on 127.0.0.1:${port}: is MariaDB/MySQL running and listening there (check its port and bind-address)?` });
  });

  test('names that are not plain identifiers are refused before anything connects', async () => {
    const { provision } = ichnaea('_bad');
    const port = await freePort();
    const at = { host: '127.0.0.1', port };
    const bad = (p: Partial<MysqlProvision>) => run({ ...provision, server: at, ...p }).then((r) => r.outcome);
    expect(await bad({ database: 'location`; DROP DATABASE mysql; --' })).toMatchObject({ ok: false, error: expect.stringMatching(/^database name .* is refused: use 1-64 letters, digits or _$/) });
    expect(await bad({ database: 'mysql' })).toMatchObject({ ok: false, error: expect.stringContaining('is a system database') });
    expect(await bad({ users: [{ name: "r'@'%' IDENTIFIED BY 'x", host: '%', password: password('x'), privileges: ['SELECT'] }] })).toMatchObject({ ok: false, error: expect.stringContaining('is refused') });
    expect(await bad({ users: [{ name: 'r', host: "%' OR 1", password: password('x'), privileges: ['SELECT'] }] })).toMatchObject({ ok: false, error: expect.stringContaining('is refused') });
    expect(await bad({ users: [{ name: 'r', host: '%', password: password('x'), privileges: ['ALL PRIVILEGES' as SqlPrivilege] }] })).toMatchObject({ ok: false, error: expect.stringContaining('is not one of') });
    expect(await bad({ charset: 'utf8; DROP' })).toMatchObject({ ok: false, error: expect.stringContaining('is refused') });
  });

  test('an unknown collation for the charset is reported as such', async () => {
    const { provision } = ichnaea('_coll');
    const { outcome } = await run({ ...provision, charset: 'utf8mb4', collation: 'latin1_swedish_ci' });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^collation latin1_swedish_ci does not fit character set utf8mb4 on this server: .*; fix the collation$/) });
  });

  test('an aborted signal stops it: before the start, between statements, and during the handshake', async () => {
    const { provision, names } = ichnaea('_abort');
    const before = new AbortController();
    before.abort();
    expect((await run(provision, { signal: before.signal })).outcome).toEqual({ ok: false, error: 'interrupted' });

    // Abort right after the database is reported: no user may be created after that.
    const between = new AbortController();
    const { outcome, lines } = await run(provision, { signal: between.signal, onInfo: (line) => line.startsWith('database ') && between.abort() });
    expect(outcome).toEqual({ ok: false, error: 'interrupted' });
    expect(lines).toEqual(['database location_abort: created (utf8mb3, utf8mb3_general_ci)']);
    expect(await accountRows([names.read, names.write, names.ddl])).toEqual([]);

    // A server that accepts and never answers: the abort closes the socket instead of waiting for the
    // connect timeout (this test's own timeout is below it).
    const silent = await startSilentServer();
    try {
      const during = new AbortController();
      void silent.accepted.then(() => during.abort());
      const provisionSlow = createMysqlProvision({ connectTimeoutMs: 60_000 });
      const result = await provisionSlow({ kind: 'mysql-provision', provision: { ...provision, server: { host: silent.host, port: silent.port } } }, { signal: during.signal, onLine: () => undefined });
      expect(result).toEqual({ ok: false, error: 'interrupted' });
      await silent.closedByClient;
    } finally {
      await silent.stop();
    }
  }, 20_000);
});
