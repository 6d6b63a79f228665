import { promises as dnsPromises } from 'node:dns';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import { connect as tcpConnect, createServer } from 'node:net';
import { networkInterfaces as osNetworkInterfaces, totalmem, userInfo } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import type { CommandFact, DiskFact, DiskNeed, GroupEntry, LookupFact, Machine, PathFact, PortFact, TcpFact } from '../core/checks/machine.js';
import { readTextIfExists } from './files.js';

/** Looks a name up; resolves to its addresses, rejects with an error carrying `code` (e.g. ENOTFOUND). */
export type Lookup = (host: string) => Promise<readonly string[]>;

export interface MachineOptions {
  /** The environment commands run with (its PATH finds docker; DOCKER_HOST and the like are honoured). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process's user id (undefined on Windows) and group ids: read by src/cli, passed in. */
  readonly uid: number | undefined;
  readonly groups: readonly number[];
  /** Tests: answer names without the network (default: dns.promises.lookup, all addresses). */
  readonly lookup?: Lookup;
  /** Tests: this machine's addresses (default: os.networkInterfaces()). */
  readonly networkInterfaces?: () => ReturnType<typeof osNetworkInterfaces>;
  /** Tests: a shorter limit for every command than the check asks for. */
  readonly commandTimeoutMs?: number;
  readonly dnsTimeoutMs?: number;
  /** The group database (default /etc/group) and the kernel's socket tables (default /proc/net). */
  readonly groupFile?: string;
  readonly procNet?: string;
}

/**
 * This machine, as the preflight checks measure it. Nothing is changed: ports are bound and released at
 * once, folders are only looked at. A command asked for by several checks (docker info) runs once.
 */
export function createMachine(o: MachineOptions): Machine {
  const commands = new Map<string, Promise<CommandFact>>();
  return {
    run(argv, timeoutMs) {
      const key = JSON.stringify(argv);
      let fact = commands.get(key);
      if (!fact) {
        fact = runCommand(argv, o.env, Math.min(timeoutMs, o.commandTimeoutMs ?? timeoutMs));
        commands.set(key, fact);
      }
      return fact;
    },
    port: (port) => probePort(port, o.procNet ?? '/proc/net'),
    disk: (needs) => probeDisk(needs),
    lookup: (hosts) => probeDns(hosts, o.lookup ?? defaultLookup, o.dnsTimeoutMs ?? 5_000),
    addresses: () => Object.values((o.networkInterfaces ?? osNetworkInterfaces)()).flatMap((list) => (list ?? []).map((a) => a.address)),
    memoryBytes: () => totalmem(),
    identity: () => ({ uid: o.uid, groups: o.groups, user: currentUser() }),
    async group(name) {
      const text = await readTextIfExists(o.groupFile ?? '/etc/group').catch(() => undefined);
      return text === undefined ? undefined : parseGroupEntry(text, name);
    },
    folder: (path) => probeWritable(path),
    which: (program) => which(program, o.env['PATH'] ?? ''),
    connect: (host, port, timeoutMs) => probeTcp(host, port, timeoutMs),
  };
}

/** Runs an argv (never a shell) with a short timeout; how it went, as a fact. */
async function runCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Promise<CommandFact> {
  const [file, ...args] = argv;
  if (file === undefined) return { ok: false, reason: 'error', message: 'empty command' };
  const r = await execa(file, args, {
    env: { ...env },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: timeoutMs,
    forceKillAfterDelay: 1_000,
    encoding: 'utf8',
    stripFinalNewline: true,
  });
  if (r.timedOut) return { ok: false, reason: 'timeout', seconds: Math.round(timeoutMs / 1000) };
  if (!r.failed) return { ok: true, stdout: String(r.stdout ?? '') };
  if (r.exitCode !== undefined) return { ok: false, reason: 'exit', exitCode: r.exitCode, stderr: String(r.stderr ?? '') };
  const code = (r.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { ok: false, reason: 'not-found' };
  return { ok: false, reason: 'error', message: code ?? (r.signal ? `killed by ${r.signal}` : 'unknown error') };
}

/**
 * Whether a TCP port is free on all IPv4 addresses, by listening on 0.0.0.0:port and letting go at once.
 * Without root a port below 1024 cannot be bound (EACCES); then the kernel's socket tables tell whether
 * anything listens on it.
 */
async function probePort(port: number, procNet = '/proc/net'): Promise<PortFact> {
  const code = await new Promise<string | undefined>((done) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'EUNKNOWN'));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => done(undefined)));
  });
  if (code === undefined) return { port, state: 'free' };
  if (code === 'EADDRINUSE') return { port, state: 'in-use' };
  if (code === 'EACCES') {
    const tables = await Promise.all(['tcp', 'tcp6'].map((f) => readTextIfExists(join(procNet, f)).catch(() => undefined)));
    const readable = tables.filter((t): t is string => t !== undefined);
    if (readable.length === 0) return { port, state: 'unknown', note: 'binding it needs root' };
    const listening = readable.some((t) => parseListeningPorts(t).has(port));
    return listening ? { port, state: 'in-use', note: `listed in ${join(procNet, 'tcp')}` } : { port, state: 'free', note: `not listed in ${join(procNet, 'tcp')}` };
  }
  return { port, state: 'unknown', note: code };
}

/** The path itself when it exists, else its nearest existing parent. */
async function nearestExisting(path: string): Promise<{ path: string; stat: Stats } | { path: string; error: string }> {
  let p = resolve(path);
  for (;;) {
    try {
      return { path: p, stat: await fs.stat(p) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(p);
      if (!['ENOENT', 'ENOTDIR', 'EACCES'].includes(code ?? '') || parent === p) return { path: p, error: code ?? String(error) };
      p = parent;
    }
  }
}

/** Free space for each need, with needs on the same file system (same device) added up. */
async function probeDisk(needs: readonly DiskNeed[]): Promise<DiskFact[]> {
  const groups = new Map<string, { needs: DiskNeed[]; measuredAt: string; freeBytes?: number; error?: string }>();
  for (const need of needs) {
    const found = await nearestExisting(need.path);
    if ('error' in found) {
      groups.set(`error:${need.path}`, { needs: [need], measuredAt: found.path, error: found.error });
      continue;
    }
    const key = `dev:${found.stat.dev}`;
    const group = groups.get(key);
    if (group) {
      group.needs.push(need);
      continue;
    }
    try {
      const s = await fs.statfs(found.path);
      groups.set(key, { needs: [need], measuredAt: found.path, freeBytes: Number(s.bavail) * Number(s.bsize) });
    } catch (error) {
      groups.set(key, { needs: [need], measuredAt: found.path, error: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  return [...groups.values()].map((g) =>
    g.freeBytes !== undefined ? { needs: g.needs, measuredAt: g.measuredAt, freeBytes: g.freeBytes } : { needs: g.needs, measuredAt: g.measuredAt, error: g.error ?? 'unknown error' },
  );
}

const defaultLookup: Lookup = async (host) => (await dnsPromises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Looks every name up at once, each with a timeout (a lookup cannot be cancelled: it is left behind). */
async function probeDns(hosts: readonly string[], lookup: Lookup, timeoutMs: number): Promise<LookupFact[]> {
  return Promise.all(
    hosts.map(async (host): Promise<LookupFact> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), timeoutMs);
        timer.unref?.();
      });
      try {
        const answer = await Promise.race([lookup(host), timeout]);
        if (answer === 'timeout') return { host, error: 'TIMEOUT', seconds: Math.round(timeoutMs / 1000) };
        return { host, addresses: answer };
      } catch (error) {
        return { host, error: (error as NodeJS.ErrnoException).code ?? String(error) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** Whether the process can write in a folder, or create it (its nearest existing parent is writable). */
async function probeWritable(path: string): Promise<PathFact> {
  const target = resolve(path);
  const found = await nearestExisting(target);
  if ('error' in found) return { path: target, state: 'error', at: found.path, error: found.error };
  if (!found.stat.isDirectory()) return { path: target, state: 'not-a-folder', at: found.path };
  const writable = await fs.access(found.path, fsConstants.W_OK | fsConstants.X_OK).then(() => true, (error: NodeJS.ErrnoException) => error.code ?? 'error');
  if (found.path === target) {
    if (writable === true) return { path: target, state: 'writable' };
    return writable === 'EACCES' || writable === 'EPERM' || writable === 'EROFS'
      ? { path: target, state: 'not-writable', at: found.path }
      : { path: target, state: 'error', at: found.path, error: String(writable) };
  }
  if (writable === true) return { path: target, state: 'creatable', parent: found.path };
  return writable === 'EACCES' || writable === 'EPERM' || writable === 'EROFS'
    ? { path: target, state: 'not-writable', at: found.path }
    : { path: target, state: 'error', at: found.path, error: String(writable) };
}

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** The first executable file named `program` in PATH's folders. */
async function which(program: string, path: string): Promise<string | undefined> {
  if (program.includes('/')) return (await isExecutable(program)) ? program : undefined;
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) return false;
    await fs.access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Opens a TCP connection and closes it at once; how it went, as a fact. */
function probeTcp(host: string, port: number, timeoutMs: number): Promise<TcpFact> {
  return new Promise((done) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => finish({ host, port, reachable: false, error: 'TIMEOUT' }), timeoutMs);
    timer.unref?.();
    const finish = (fact: TcpFact) => {
      clearTimeout(timer);
      socket.destroy();
      done(fact);
    };
    socket.once('connect', () => finish({ host, port, reachable: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ host, port, reachable: false, error: error.code ?? error.message }));
  });
}

/**
 * The TCP ports something listens on, from the text of /proc/net/tcp or /proc/net/tcp6 (state 0A is
 * LISTEN). Readable without root, unlike binding a port below 1024.
 */
export function parseListeningPorts(procNetTcp: string): Set<number> {
  const ports = new Set<number>();
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (fields[3] !== '0A' || local === undefined) continue;
    const port = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

/** The members of a group in /etc/group text ("name:x:gid:a,b"), or undefined when it is not listed. */
export function parseGroupEntry(groupFile: string, name: string): GroupEntry | undefined {
  for (const line of groupFile.split('\n')) {
    const [group, , gid, members] = line.trim().split(':');
    if (group !== name || gid === undefined || !/^\d+$/.test(gid)) continue;
    return { gid: Number(gid), members: (members ?? '').split(',').map((m) => m.trim()).filter(Boolean) };
  }
  return undefined;
}

