import { promises as dnsPromises } from 'node:dns';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces as osNetworkInterfaces, totalmem, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { isPlainObject, type AnswersDocument } from '../core/answers/answers-file.js';
import { checkAnswers } from '../core/answers/check.js';
import { readAnswersFile } from './load-answers.js';
import { readInstallState } from './install-state.js';
import {
  applySkips,
  dockerAccess,
  judgeDisk,
  judgeDns,
  judgeDocker,
  judgeMemory,
  judgePorts,
  judgePrivileges,
  parseGroupEntry,
  parseListeningPorts,
  type CheckResult,
  type CommandFact,
  type DiskFact,
  type DiskNeed,
  type LookupFact,
  type PathFact,
  type PortFact,
} from '../core/doctor/checks.js';
import { AnswersError, UsageError, type Problem } from '../core/errors.js';
import type { Answers } from '../core/questions/types.js';
import { Secret } from '../core/secrets/secret.js';
import type { Requirements, Stack, StackInput } from '../core/stack.js';
import type { Step } from '../core/steps/step.js';
import { hasFinishedSteps, type Journal } from '../core/run/journal.js';
import { readTextIfExists } from '../io/files.js';
import { loadStack } from '../stacks/index.js';
import { STATE_DIR } from './apply.js';

/** Looks a name up; resolves to its addresses, rejects with an error carrying `code` (e.g. ENOTFOUND). */
export type Lookup = (host: string) => Promise<readonly string[]>;

export interface DoctorDeps {
  /** The environment docker runs with (its PATH finds docker; DOCKER_HOST and the like are honoured). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process's user id (undefined on Windows) and group ids, supplementary ones included. */
  readonly uid: number | undefined;
  readonly groups: readonly number[];
  /** The folders the steps create or write in (see writePathsOf). */
  readonly writePaths: readonly string[];
  /** Tests: answer names without the network (default: dns.promises.lookup, all addresses). */
  readonly lookup?: Lookup;
  /** Tests: this machine's addresses (default: os.networkInterfaces()). */
  readonly networkInterfaces?: () => ReturnType<typeof osNetworkInterfaces>;
  readonly dockerTimeoutMs?: number;
  readonly dnsTimeoutMs?: number;
  /** The group database (default /etc/group) and the kernel's socket tables (default /proc/net). */
  readonly groupFile?: string;
  readonly procNet?: string;
}

/**
 * doctor's checks before a bootstrap: measured, then --skip-check applied. After an earlier run got
 * somewhere, busy ports only warn: the server's own nginx, started by that run, probably holds them.
 */
export async function runPreflight(requirements: Requirements, deps: DoctorDeps, options: { skip: readonly string[]; previous: Journal | undefined }): Promise<CheckResult[]> {
  let measured = await runDoctor(requirements, deps);
  if (hasFinishedSteps(options.previous)) {
    measured = measured.map((r) => (r.name === 'ports' && r.status === 'fail' ? { ...r, status: 'warn', detail: `${r.detail} (probably by this server, started by an earlier run)` } : r));
  }
  return applySkips(measured, options.skip);
}

/**
 * Measures everything the requirements ask for, at once, and judges each check. Nothing is changed: ports
 * are bound and released at once, folders are only looked at. The result is in CHECK_NAMES order.
 */
export async function runDoctor(requirements: Requirements, deps: DoctorDeps): Promise<CheckResult[]> {
  const dockerTimeoutMs = deps.dockerTimeoutMs ?? 15_000;
  const dockerFacts = requirements.docker
    ? Promise.all([
      runProbeCommand(['docker', 'info', '--format', '{{.ServerVersion}}'], deps.env, dockerTimeoutMs),
      runProbeCommand(['docker', 'compose', 'version'], deps.env, dockerTimeoutMs),
    ])
    : Promise.resolve([undefined, undefined] as const);
  const [[info, compose], ports, disk, dns, paths, groupText] = await Promise.all([
    dockerFacts,
    Promise.all(requirements.ports.map((port) => probePort(port, deps.procNet ?? '/proc/net'))),
    probeDisk(requirements.disk),
    probeDns(requirements.hostnames, deps.lookup ?? defaultLookup, deps.dnsTimeoutMs ?? 5_000),
    Promise.all(deps.writePaths.map(probeWritable)),
    readTextIfExists(deps.groupFile ?? '/etc/group').catch(() => undefined),
  ]);
  const interfaces = (deps.networkInterfaces ?? osNetworkInterfaces)();
  const localAddresses = Object.values(interfaces).flatMap((list) => (list ?? []).map((a) => a.address));
  const [docker, composeResult] = judgeDocker(requirements.docker, info, compose);
  return [
    docker,
    composeResult,
    judgePorts(ports),
    judgeDisk(disk),
    judgeMemory(requirements.memoryBytes, totalmem()),
    judgeDns(dns, localAddresses),
    judgePrivileges({
      uid: deps.uid,
      groups: deps.groups,
      user: currentUser(),
      dockerGroup: groupText === undefined ? undefined : parseGroupEntry(groupText, 'docker'),
      dockerNeeded: requirements.docker,
      docker: info === undefined ? undefined : dockerAccess(info),
      paths,
    }),
  ];
}

/** The folders a stack's steps write: the install folder (its files) and every folder a mkdir step makes. */
export function writePathsOf(dir: string, steps: readonly Step[]): string[] {
  const paths = [dir, ...steps.flatMap((s) => (s.run.kind === 'mkdir' ? s.run.paths : []))];
  return [...new Set(paths.map((p) => resolve(p)))];
}

// --------------------------------------------------------------------------------------------- measuring

/** Runs an argv (never a shell) with a short timeout; how it went, as a fact. */
export async function runProbeCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Promise<CommandFact> {
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
export async function probePort(port: number, procNet = '/proc/net'): Promise<PortFact> {
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
async function nearestExisting(path: string): Promise<{ path: string; stat: import('node:fs').Stats } | { path: string; error: string }> {
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
export async function probeDisk(needs: readonly DiskNeed[]): Promise<DiskFact[]> {
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
export async function probeDns(hosts: readonly string[], lookup: Lookup, timeoutMs: number): Promise<LookupFact[]> {
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
export async function probeWritable(path: string): Promise<PathFact> {
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

// ------------------------------------------------------------------------ what to check, without secrets

export interface DoctorTarget {
  readonly stack: Stack;
  readonly requirements: Requirements;
  readonly writePaths: readonly string[];
  /** Where the answers came from, for the output. */
  readonly source: string;
  /** Warnings about the answers (printed on stderr, like plan does). */
  readonly warnings: readonly Problem[];
}

/**
 * Requirements and write paths need answers, never secret values: secrets are not read here (so doctor
 * works before the S3 keys are exported). The steps get stand-ins that are never revealed.
 */
function targetOf(stack: Stack, answers: Answers, dir: string, source: string, warnings: readonly Problem[]): DoctorTarget {
  const secrets: Record<string, Secret> = {};
  for (const q of stack.questions) if (q.kind === 'secret') secrets[q.id] = new Secret(q.id, '');
  const input: StackInput = { answers, secrets, dir };
  return { stack, requirements: stack.requirements(input), writePaths: writePathsOf(dir, stack.steps(input)), source, warnings };
}

/**
 * From an answers file: the same checks as `validate` for every answer and every secret reference's form,
 * but secret values are not read (an unset {env: NAME} is fine here).
 */
export async function doctorTargetFromAnswers(path: string, dir: string): Promise<DoctorTarget> {
  const { stack, checked, problems } = await readAnswersFile(path);
  if (problems.some((p) => p.severity === 'error')) throw new AnswersError(problems, path);
  return targetOf(stack, checked.answers, dir, path, problems);
}

/** From DIR/.fieldstation/state.json, written by apply: its answers, checked again against the questions. */
export async function doctorTargetFromState(dir: string): Promise<DoctorTarget> {
  const statePath = join(dir, STATE_DIR, 'state.json');
  const hint = 'Pass the answers file: `fieldstation doctor --answers FILE --dir DIR`.';
  const usage = (why: string) => new UsageError(`doctor: ${why}`, [hint]);
  const state = await readInstallState(dir, hint);
  const stack = await loadStack(state.stack);
  if (!stack) throw usage(`${statePath} is for "${state.stack}", which this fieldstation does not know.`);
  // The answers are stored flat ("s3.mode"); checkAnswers reads nested mappings, as in an answers file.
  const data: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    const parts = key.split('.');
    let node = data;
    for (const part of parts.slice(0, -1)) node = (isPlainObject(node[part]) ? node[part] : (node[part] = {})) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  };
  for (const [k, v] of Object.entries(state.answers)) put(k, v);
  for (const [k, v] of Object.entries(state.secrets)) put(k, v);
  const doc: AnswersDocument = { data, problems: [], lineOf: () => undefined };
  const checked = checkAnswers(stack, doc);
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw usage(`${statePath} does not match this fieldstation's questions (${errors.map((p) => `${p.path} ${p.message}`).join('; ')}).`);
  return targetOf(stack, checked.answers, dir, statePath, []);
}
