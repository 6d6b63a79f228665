import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import { Secret } from '../../src/core/secrets/secret.js';

/**
 * Throwaway MariaDB and Redis servers for tests: own temp directory, loopback only, a free port, stopped and
 * removed afterwards. A missing binary is an error naming the Debian package: these tests fail, never skip.
 */

/** Debian keeps the daemons in /usr/sbin, which a non-login PATH may lack. */
export const SERVICE_PATH = ['/usr/sbin', '/sbin', ...(process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)].join(delimiter);

export interface RunningService {
  readonly host: string;
  readonly port: number;
  /** Shuts the server down, waits for it to exit and removes its temp directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface MariaDb extends RunningService {
  readonly rootUser: 'root';
  readonly rootPassword: Secret;
  readonly version: string;
  /** A root connection (TCP); the caller ends it. */
  connectRoot(database?: string): Promise<mysql.Connection>;
}

export interface RedisServer extends RunningService {
  readonly password: Secret;
}

const PACKAGES: Record<string, string> = {
  mariadbd: 'mariadb-server',
  'mariadb-install-db': 'mariadb-server',
  'redis-server': 'redis-server',
  nginx: 'nginx-light',
  mmdblookup: 'mmdb-bin',
};

/** The absolute path of a binary on SERVICE_PATH, or an Error that says which package to install. */
export function findBinary(name: string): string {
  for (const dir of SERVICE_PATH.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  const pkg = PACKAGES[name] ?? name;
  throw new Error(`${name} is not installed (not in /usr/sbin, /sbin or PATH); these tests need the real program, so install the Debian package: apt-get install -y ${pkg}`);
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

/** A TCP server that accepts connections and never says anything: a hung service. */
export async function startSilentServer(): Promise<{ host: string; port: number; accepted: Promise<Socket>; closedByClient: Promise<void>; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let onAccept: (s: Socket) => void = () => undefined;
  let onClosed: () => void = () => undefined;
  const accepted = new Promise<Socket>((resolve) => (onAccept = resolve));
  const closedByClient = new Promise<void>((resolve) => (onClosed = resolve));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Read and drop what the client sends: a paused socket never sees the client's FIN, so 'close' would not fire.
    socket.resume();
    socket.on('close', () => {
      sockets.delete(socket);
      onClosed();
    });
    onAccept(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('could not start the silent server');
  return {
    host: '127.0.0.1',
    port: address.port,
    accepted,
    closedByClient,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Children still running when the test process exits are killed, so no mariadbd outlives a crashed worker. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

interface Daemon {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
}

function spawnDaemon(binary: string, args: readonly string[], logFile: string): Daemon {
  const child = spawn(binary, args, { env: { ...process.env, PATH: SERVICE_PATH }, stdio: ['ignore', 'ignore', 'ignore'] });
  live.add(child);
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      done = true;
      live.delete(child);
      resolve(code);
    });
    child.once('error', (err) => {
      done = true;
      live.delete(child);
      writeFileSync(`${logFile}.spawn`, String(err));
      resolve(null);
    });
  });
  return { child, exited, hasExited: () => done };
}

/** SIGTERM is a clean shutdown for both mariadbd and redis-server; SIGKILL only if it hangs. */
async function stopDaemon(d: Daemon, dir: string): Promise<void> {
  if (!d.hasExited()) {
    d.child.kill('SIGTERM');
    const exited = await Promise.race([d.exited.then(() => true), sleep(30_000).then(() => false)]);
    if (!exited) {
      d.child.kill('SIGKILL');
      await d.exited;
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

const tail = (file: string, lines = 15): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
};

/** Polls until `ready` resolves true, the daemon exits, or the deadline passes. */
async function waitUntil(d: Daemon, ready: () => Promise<boolean>, seconds: number): Promise<'ready' | 'exited' | 'timeout'> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    if (d.hasExited()) return 'exited';
    if (await ready().catch(() => false)) return 'ready';
    if (Date.now() > until) return 'timeout';
    await sleep(100);
  }
}

/**
 * A throwaway MariaDB: mariadb-install-db into a temp datadir, mariadbd on 127.0.0.1 and a free port,
 * its own socket, `--user=root` (tests run as root). Anonymous users and the PUBLIC grants on `test` /
 * `test\_%` are removed (as mysql_secure_installation does) and every root account gets a random password.
 */
export async function startMariaDb(): Promise<MariaDb> {
  const mariadbd = findBinary('mariadbd');
  const installDb = findBinary('mariadb-install-db');
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-mariadb-'));
  const datadir = join(dir, 'db');
  const install = spawnSync(installDb, ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--user=root'], { env: { ...process.env, PATH: SERVICE_PATH }, encoding: 'utf8' });
  if (install.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed (exit ${install.status}):\n${(install.stderr || install.stdout || String(install.error)).slice(-2000)}`);
  }

  // The port is free when picked but could be taken before mariadbd binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const log = join(dir, 'error.log');
    const daemon = spawnDaemon(mariadbd, [
      '--no-defaults', `--datadir=${datadir}`, `--socket=${join(dir, 'my.sock')}`, `--port=${port}`, '--bind-address=127.0.0.1',
      '--user=root', `--pid-file=${join(dir, 'mariadbd.pid')}`, `--log-error=${log}`, '--innodb-buffer-pool-size=32M', '--skip-log-bin',
    ], log);
    const root = () => mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
    const state = await waitUntil(daemon, async () => {
      const c = await root();
      await c.end();
      return true;
    }, 45);
    if (state !== 'ready') {
      await stopDaemon(daemon, join(dir, 'unused'));
      const log = tail(join(dir, 'error.log'));
      if (state === 'exited' && /Address already in use|errno: 98|error: 98/i.test(log) && attempt < 4) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mariadbd did not start (${state}); its log ends:\n${log}`);
    }

    const rootPassword = new Secret('test-mariadb-root', randomBytes(18).toString('base64url'));
    const c = await root();
    const [versionRows] = await c.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v');
    // A known MariaDB trap: the anonymous ''@'localhost' matches before 'x'@'%' for logins from 127.0.0.1.
    const [anonymous] = await c.query<mysql.RowDataPacket[]>("SELECT Host AS h FROM mysql.user WHERE User = ''");
    for (const a of anonymous) await c.query('DROP USER ?@?', ['', String(a['h'])]);
    // mariadb-install-db (10.11) gives the PUBLIC role every privilege on `test` and `test\_%`, i.e. to
    // every account: remove it, as mysql_secure_installation does, so "no access elsewhere" can be tested.
    await c.query("DELETE FROM mysql.db WHERE Db = 'test' OR Db = 'test\\\\_%'");
    await c.query('FLUSH PRIVILEGES');
    const [roots] = await c.query<mysql.RowDataPacket[]>("SELECT Host AS h FROM mysql.user WHERE User = 'root'");
    for (const r of roots) await c.query('ALTER USER ?@? IDENTIFIED BY ?', ['root', String(r['h']), rootPassword.reveal()]);
    await c.end();

    let stopped: Promise<void> | undefined;
    return {
      host: '127.0.0.1',
      port,
      rootUser: 'root',
      rootPassword,
      version: String(versionRows[0]?.['v']),
      connectRoot: (database?: string) => mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: rootPassword.reveal(), ...(database ? { database } : {}) }),
      stop: () => (stopped ??= stopDaemon(daemon, dir)),
    };
  }
}

/** A throwaway redis-server: 127.0.0.1, a free port, a random requirepass (in a 0600 config file, not argv), no persistence. */
export async function startRedis(): Promise<RedisServer> {
  const redisServer = findBinary('redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-redis-'));
  const password = new Secret('test-redis-password', randomBytes(18).toString('base64url'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const conf = join(dir, 'redis.conf');
    const log = join(dir, 'redis.log');
    writeFileSync(conf, [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'save ""', 'appendonly no', 'daemonize no', `logfile ${log}`, `requirepass ${password.reveal()}`, ''].join('\n'), { mode: 0o600 });
    const daemon = spawnDaemon(redisServer, [conf], log);
    const state = await waitUntil(daemon, async () => {
      const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false, connectTimeout: 2000 }, password: password.reveal() });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } finally {
        client.destroy();
      }
    }, 30);
    if (state !== 'ready') {
      await stopDaemon(daemon, join(dir, 'unused'));
      const text = tail(log);
      if (state === 'exited' && /Address already in use/i.test(text) && attempt < 4) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start (${state}); its log ends:\n${text}`);
    }
    let stopped: Promise<void> | undefined;
    return { host: '127.0.0.1', port, password, stop: () => (stopped ??= stopDaemon(daemon, dir)) };
  }
}
