import { PreflightError, UsageError } from '../errors.js';
import { closest } from '../questions/validators.js';

/**
 * The preflight checks, judged: measured facts in (from src/app/doctor.ts), results out. Each result says
 * what was found in one line and, when something is wrong, exactly what to do (a command where there is one).
 */

/** Stable names: `--skip-check NAME` and the JSON output use them. In the order they are printed. */
export const CHECK_NAMES = ['docker', 'compose', 'ports', 'disk', 'memory', 'dns', 'privileges'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface CheckResult {
  readonly name: CheckName;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, one line. */
  readonly detail: string;
  /** What to do, when the status is warn, fail or skipped; may span a few lines. */
  readonly fix?: string;
}

export const CHECK_TITLES: Readonly<Record<CheckName, string>> = {
  docker: 'Docker engine',
  compose: 'Docker Compose v2',
  ports: 'Ports',
  disk: 'Disk space',
  memory: 'Memory',
  dns: 'DNS',
  privileges: 'Privileges',
};

const result = (name: CheckName, status: CheckStatus, detail: string, fix?: string): CheckResult =>
  fix === undefined ? { name, title: CHECK_TITLES[name], status, detail } : { name, title: CHECK_TITLES[name], status, detail, fix };

const GB = 1024 ** 3;
const MB = 1024 ** 2;

/** Bytes for people, in the stack's units (GB = 1024³ bytes): "16.0 GB", "512 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.round(bytes)} bytes`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The first line of a child's error output, trimmed, for a one-line detail. */
const firstLine = (text: string) => text.trim().split('\n')[0]?.trim() ?? '';

// ---------------------------------------------------------------------------------------------- docker

/** What running a command told us. */
export type CommandFact =
  | { readonly ok: true; readonly stdout: string }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'timeout'; readonly seconds: number }
  | { readonly ok: false; readonly reason: 'exit'; readonly exitCode: number; readonly stderr: string }
  | { readonly ok: false; readonly reason: 'error'; readonly message: string };

const INSTALL_DOCKER = 'Install Docker Engine with its Compose plugin: https://docs.docker.com/engine/install/ (on Debian or Ubuntu: `curl -fsSL https://get.docker.com | sudo sh`).';
const JOIN_DOCKER_GROUP = 'Add yourself to the docker group: `sudo usermod -aG docker "$USER"`, then log out and back in (or run fieldstation with sudo).';

/** How `docker info` failed, in words, and its fix. Also used by the privileges check. */
export function dockerAccess(info: CommandFact): 'reachable' | 'permission-denied' | 'unreachable' | 'not-installed' {
  if (info.ok) return 'reachable';
  if (info.reason === 'not-found') return 'not-installed';
  if (info.reason === 'exit' && /permission denied/i.test(info.stderr)) return 'permission-denied';
  return 'unreachable';
}

/**
 * `docker info --format {{.ServerVersion}}` and `docker compose version`: the engine must answer and
 * Compose must be v2 (the `docker compose` plugin, not the old `docker-compose` v1).
 * With `needed` false (a server without containers) both pass without being run.
 */
export function judgeDocker(needed: boolean, info: CommandFact | undefined, compose: CommandFact | undefined): readonly [CheckResult, CheckResult] {
  if (!needed || info === undefined || compose === undefined) {
    return [result('docker', 'pass', 'not needed by this server'), result('compose', 'pass', 'not needed by this server')];
  }
  return [judgeEngine(info), judgeCompose(compose)];
}

function judgeEngine(info: CommandFact): CheckResult {
  if (info.ok) {
    const version = firstLine(info.stdout);
    return result('docker', 'pass', version ? `Docker engine ${version} is reachable` : 'the Docker engine is reachable');
  }
  switch (info.reason) {
    case 'not-found':
      return result('docker', 'fail', 'docker is not installed (not found on PATH)', INSTALL_DOCKER);
    case 'timeout':
      return result('docker', 'fail', `\`docker info\` did not answer within ${info.seconds} s`,
        'Restart the engine: `sudo systemctl restart docker`; if it still hangs, read `sudo journalctl -u docker --since -10min`.');
    case 'error':
      return result('docker', 'fail', `\`docker info\` could not be run: ${info.message}`, 'Run `docker info` by hand to see why.');
    case 'exit': {
      const said = firstLine(info.stderr) || `exit code ${info.exitCode}`;
      if (/permission denied/i.test(info.stderr)) {
        return result('docker', 'fail', `no permission to use the Docker engine: ${said}`, JOIN_DOCKER_GROUP);
      }
      if (/cannot connect to the docker daemon|is the docker daemon running|docker\.sock.*(no such file|connection refused)/i.test(info.stderr)) {
        return result('docker', 'fail', `the Docker engine is not running: ${said}`,
          'Start it, and at every boot: `sudo systemctl enable --now docker`; then `docker info` must show a "Server:" section.');
      }
      return result('docker', 'fail', `\`docker info\` failed: ${said}`, 'Run `docker info` by hand to see the whole error.');
    }
  }
}

function judgeCompose(compose: CommandFact): CheckResult {
  const installPlugin = 'Install the Compose v2 plugin: `sudo apt-get install docker-compose-plugin` (Docker\'s apt repository; on Ubuntu\'s own packages: `sudo apt-get install docker-compose-v2`), see https://docs.docker.com/compose/install/linux/. The old docker-compose v1 does not work.';
  if (compose.ok) {
    const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(compose.stdout);
    if (!m) return result('compose', 'warn', `cannot read the version from \`docker compose version\`: "${firstLine(compose.stdout)}"`, 'Check that `docker compose version` prints v2 or later.');
    const version = `${m[1]}.${m[2]}.${m[3]}`;
    if (Number(m[1]) < 2) return result('compose', 'fail', `Docker Compose ${version} is too old: v2 or later is needed`, installPlugin);
    return result('compose', 'pass', `Docker Compose ${version}`);
  }
  switch (compose.reason) {
    case 'not-found':
      return result('compose', 'fail', 'docker is not installed, so neither is Compose', INSTALL_DOCKER);
    case 'timeout':
      return result('compose', 'fail', `\`docker compose version\` did not answer within ${compose.seconds} s`, 'Run `docker compose version` by hand to see why.');
    case 'error':
      return result('compose', 'fail', `\`docker compose version\` could not be run: ${compose.message}`, 'Run `docker compose version` by hand to see why.');
    case 'exit': {
      const said = firstLine(compose.stderr) || `exit code ${compose.exitCode}`;
      if (/is not a docker command|unknown command|unknown shorthand flag/i.test(compose.stderr)) {
        return result('compose', 'fail', `Docker Compose v2 is missing (${said})`, installPlugin);
      }
      return result('compose', 'fail', `\`docker compose version\` failed: ${said}`, 'Run `docker compose version` by hand to see the whole error.');
    }
  }
}

// ----------------------------------------------------------------------------------------------- ports

export interface PortFact {
  readonly port: number;
  readonly state: 'free' | 'in-use' | 'unknown';
  /** How it was found, or why it could not be: shown to people. */
  readonly note?: string;
}

const ssCommand = (ports: readonly number[]) =>
  ports.length === 1 ? `sudo ss -ltnp 'sport = :${ports[0]}'` : `sudo ss -ltnp '( ${ports.map((p) => `sport = :${p}`).join(' or ')} )'`;

/** Every port must be free on all addresses: in use fails, unknown (no way to look) warns. */
export function judgePorts(facts: readonly PortFact[]): CheckResult {
  if (facts.length === 0) return result('ports', 'pass', 'no ports needed');
  const busy = facts.filter((f) => f.state === 'in-use').map((f) => f.port);
  const unknown = facts.filter((f) => f.state === 'unknown');
  if (busy.length > 0) {
    const also = unknown.length ? `; could not check ${listWords(unknown.map((f) => String(f.port)))}` : '';
    return result('ports', 'fail', `${busy.length === 1 ? 'port' : 'ports'} ${listWords(busy.map(String))} ${busy.length === 1 ? 'is' : 'are'} in use${also}`,
      `See what listens: \`${ssCommand(busy)}\`; then stop and disable that service (e.g. \`sudo systemctl disable --now nginx\`) or container (\`docker ps\`, then \`docker stop NAME\`).`);
  }
  if (unknown.length > 0) {
    const why = unknown.map((f) => `${f.port}${f.note ? ` (${f.note})` : ''}`);
    return result('ports', 'warn', `could not check port${unknown.length === 1 ? '' : 's'} ${listWords(why)}`,
      `Check by hand: \`${ssCommand(unknown.map((f) => f.port))}\` must list nothing (or run fieldstation doctor with sudo).`);
  }
  return result('ports', 'pass', `${listWords(facts.map((f) => String(f.port)))} ${facts.length === 1 ? 'is' : 'are'} free`);
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

// ------------------------------------------------------------------------------------------------ disk

export interface DiskNeed {
  readonly path: string;
  readonly bytes: number;
  readonly why: string;
}

/** One file system and what must fit on it. `measuredAt` is the nearest existing folder of the paths. */
export type DiskFact =
  | { readonly needs: readonly DiskNeed[]; readonly measuredAt: string; readonly freeBytes: number }
  | { readonly needs: readonly DiskNeed[]; readonly measuredAt: string; readonly error: string };

/** Headroom under which a fit is only a warning: the estimates are estimates. */
export const DISK_HEADROOM = 1.2;

/**
 * Needs on the same file system add up. Less free space than needed fails; less than 20% to spare warns;
 * a file system that cannot be measured warns.
 */
export function judgeDisk(facts: readonly DiskFact[]): CheckResult {
  if (facts.length === 0) return result('disk', 'pass', 'no disk space needed');
  const parts: string[] = [];
  const fixes: string[] = [];
  let worst: CheckStatus = 'pass';
  for (const fact of facts) {
    const needed = fact.needs.reduce((sum, n) => sum + n.bytes, 0);
    const paths = fact.needs.map((n) => n.path);
    const where = paths.length === 1 ? paths[0]! : `${listWords(paths)} (one file system)`;
    const whys = fact.needs.map((n) => `${formatBytes(n.bytes)} for ${n.why} (${n.path})`).join(', ');
    if ('error' in fact) {
      parts.push(`${where}: could not measure free space (${fact.error})`);
      fixes.push(`Check by hand that \`df -h ${fact.measuredAt}\` shows at least ${formatBytes(needed)} available: ${whys}.`);
      if (worst === 'pass') worst = 'warn';
      continue;
    }
    parts.push(`${where}: ${formatBytes(needed)} needed, ${formatBytes(fact.freeBytes)} free`);
    if (fact.freeBytes < needed) {
      worst = 'fail';
      fixes.push(`Free at least ${formatBytes(needed - fact.freeBytes)} on the file system of ${fact.measuredAt} (see \`df -h ${fact.measuredAt}\`; \`docker system prune\` removes unused images), or put those folders on a larger disk. Needed: ${whys}.`);
    } else if (fact.freeBytes < needed * DISK_HEADROOM) {
      if (worst === 'pass') worst = 'warn';
      fixes.push(`Less than ${Math.round((DISK_HEADROOM - 1) * 100)}% to spare on the file system of ${fact.measuredAt}: free some space (\`df -h ${fact.measuredAt}\`) or plan a larger disk before it fills. Needed: ${whys}.`);
    }
  }
  return result('disk', worst, parts.join('; '), fixes.length ? fixes.join('\n') : undefined);
}

// ---------------------------------------------------------------------------------------------- memory

/**
 * Total memory against what the server needs to run well. The kernel keeps some for itself, so 90% of the
 * need passes (a "2 GB" machine reports about 1.9 GB); under 90% warns; under half fails.
 */
export function judgeMemory(requiredBytes: number, totalBytes: number): CheckResult {
  if (requiredBytes <= 0) return result('memory', 'pass', `${formatBytes(totalBytes)} (no minimum)`);
  const detail = `${formatBytes(totalBytes)} total, ${formatBytes(requiredBytes)} needed`;
  if (totalBytes >= requiredBytes * 0.9) return result('memory', 'pass', detail);
  const swapGb = Math.ceil(requiredBytes / GB);
  const fix = `Give this machine at least ${formatBytes(requiredBytes)} of memory (resize the VM), or add swap: \`sudo fallocate -l ${swapGb}G /swapfile && sudo chmod 600 /swapfile && sudo mkswap /swapfile && sudo swapon /swapfile\` (and add it to /etc/fstab).`;
  if (totalBytes >= requiredBytes * 0.5) return result('memory', 'warn', `${detail}: the server may be slow or have processes killed`, fix);
  return result('memory', 'fail', `${detail}: too little for the server to run`, fix);
}

// ------------------------------------------------------------------------------------------------- dns

/** What looking a name up gave: its addresses, or an error code (ENOTFOUND, EAI_AGAIN, TIMEOUT...). */
export type LookupFact =
  | { readonly host: string; readonly addresses: readonly string[] }
  | { readonly host: string; readonly error: string; readonly seconds?: number };

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);
const bare = (address: string) => address.replace(/%.*$/, '').toLowerCase();
const isLoopbackOrLinkLocal = (a: string) => a.startsWith('127.') || a === '::1' || a.startsWith('fe80:') || a.startsWith('169.254.');

/**
 * Each name must resolve (certificates are requested for it). One that does not resolve fails; one that
 * resolves but to none of this machine's addresses only warns: behind NAT or a load balancer the public
 * address is not on any interface here.
 */
export function judgeDns(facts: readonly LookupFact[], localAddresses: readonly string[]): CheckResult {
  if (facts.length === 0) return result('dns', 'pass', 'no names to check');
  const local = new Set(localAddresses.map(bare));
  const shown = localAddresses.map(bare).filter((a) => !isLoopbackOrLinkLocal(a));
  const mine = listWords((shown.length ? shown : [...local]).filter((a, i, all) => all.indexOf(a) === i)) || 'no address';
  const missing: string[] = [];
  const trouble: string[] = [];
  const failedNames: string[] = [];
  const elsewhere: { host: string; addresses: readonly string[] }[] = [];
  const here: string[] = [];
  for (const fact of facts) {
    if ('error' in fact || fact.addresses.length === 0) failedNames.push(fact.host);
    if ('error' in fact) {
      if (NOT_FOUND.has(fact.error)) missing.push(fact.host);
      else trouble.push(fact.error === 'TIMEOUT' ? `${fact.host}: no answer within ${fact.seconds ?? '?'} s` : `${fact.host} could not be looked up (${fact.error})`);
    } else if (fact.addresses.length === 0) {
      missing.push(fact.host);
    } else if (fact.addresses.some((a) => local.has(bare(a)))) {
      here.push(fact.host);
    } else {
      elsewhere.push(fact);
    }
  }
  const elsewhereText = elsewhere.map((e) => `${e.host} points to ${listWords(e.addresses.map(bare))}`);
  if (failedNames.length > 0) {
    const failed = [...(missing.length ? [`${listWords(missing)} ${missing.length === 1 ? 'does' : 'do'} not resolve`] : []), ...trouble];
    const fixes = [`At your DNS provider, create an A (or AAAA) record for ${listWords(failedNames)} pointing at this machine's public address (this machine has ${mine}); then \`getent hosts ${failedNames[0]}\` must print it. New records can take a while to be seen.`];
    if (trouble.length) fixes.push(`If the records exist, check this machine's resolver (/etc/resolv.conf, \`resolvectl status\`) and its network.`);
    const rest = [...elsewhereText.map((t) => `${t}, not to this machine`), ...(here.length ? [`${listWords(here)} resolve${here.length === 1 ? 's' : ''} here`] : [])];
    return result('dns', 'fail', [...failed, ...rest].join('; '), fixes.join('\n'));
  }
  if (elsewhere.length > 0) {
    const names = elsewhere.map((e) => e.host);
    return result('dns', 'warn', `${elsewhereText.join('; ')}; this machine has ${mine} (fine behind NAT or a load balancer that forwards ports 80 and 443 here)`,
      `If this machine is not behind NAT or a load balancer, change the A record${names.length === 1 ? '' : 's'} of ${listWords(names)} to this machine's address (${mine}).`);
  }
  return result('dns', 'pass', `${listWords(here)} ${here.length === 1 ? 'resolves' : 'resolve'} to this machine`);
}

// ------------------------------------------------------------------------------------------ privileges

/** A folder the steps write in or create, as found on disk. */
export type PathFact =
  | { readonly path: string; readonly state: 'writable' }
  | { readonly path: string; readonly state: 'creatable'; readonly parent: string }
  | { readonly path: string; readonly state: 'not-writable'; readonly at: string }
  | { readonly path: string; readonly state: 'not-a-folder'; readonly at: string }
  | { readonly path: string; readonly state: 'error'; readonly at: string; readonly error: string };

export interface PrivilegeFacts {
  /** undefined where there are no user ids (Windows). */
  readonly uid: number | undefined;
  /** The process's group ids (supplementary included): what it may use now, not after a new login. */
  readonly groups: readonly number[];
  readonly user?: string | undefined;
  /** The docker group from the group database, if there is one. */
  readonly dockerGroup?: { readonly gid: number; readonly members: readonly string[] } | undefined;
  readonly dockerNeeded: boolean;
  /** What `docker info` showed (see dockerAccess), when docker is needed. */
  readonly docker?: ReturnType<typeof dockerAccess> | undefined;
  readonly paths: readonly PathFact[];
}

/**
 * The steps run `docker compose` and write the data folders: root can do both; otherwise the user must be
 * able to use the Docker engine (docker group, or an engine that already answered, e.g. rootless) and
 * create or write each folder.
 */
export function judgePrivileges(facts: PrivilegeFacts): CheckResult {
  const root = facts.uid === 0;
  const who = root ? 'root' : facts.uid === undefined ? 'this user' : `uid ${facts.uid}${facts.user ? ` (${facts.user})` : ''}`;
  const problems: string[] = [];
  const warnings: string[] = [];
  const fixes: string[] = [];
  const good: string[] = [root ? 'running as root' : `running as ${who}`];

  if (facts.dockerNeeded && !root) {
    const inGroup = facts.dockerGroup !== undefined && facts.groups.includes(facts.dockerGroup.gid);
    const addedNotActive = !inGroup && facts.user !== undefined && facts.dockerGroup?.members.includes(facts.user) === true;
    const groupFix = addedNotActive
      ? 'You are in the docker group but this session started before you were added: log out and back in (or run `newgrp docker`).'
      : JOIN_DOCKER_GROUP;
    if (inGroup) good.push('in the docker group');
    else if (facts.docker === 'reachable') good.push('may use the Docker engine');
    else if (facts.docker === 'permission-denied') {
      problems.push(`${who} may not use the Docker engine (permission denied on its socket)`);
      fixes.push(groupFix);
    } else if (facts.docker !== 'not-installed') {
      warnings.push(`cannot tell whether ${who} may use the Docker engine (it did not answer; not in the docker group)`);
      fixes.push(groupFix);
    }
  }

  const blocked = facts.paths.filter((p) => p.state === 'not-writable');
  for (const p of facts.paths) {
    if (p.state === 'not-a-folder') {
      problems.push(`${p.path} cannot be a folder: ${p.at} is a file`);
      fixes.push(`Move or remove ${p.at}, or answer another folder.`);
    } else if (p.state === 'error') {
      warnings.push(`cannot check ${p.path} (${p.error} at ${p.at})`);
      fixes.push(`Check by hand that ${who} can create and write ${p.path}.`);
    }
  }
  if (blocked.length > 0) {
    const paths = blocked.map((p) => p.path);
    const at = [...new Set(blocked.map((p) => p.at))];
    problems.push(`${who} cannot create or write ${listWords(paths)} (${listWords(at)} ${at.length === 1 ? 'is' : 'are'} not writable)`);
    // The exact folders, made and owned beforehand; never a recursive chown (the database's files have their own owner).
    fixes.push(root
      ? `Even root cannot write there: check whether the file system is read-only (\`findmnt -T ${at[0]}\`), or answer another folder.`
      : `Run fieldstation with sudo, or make ${paths.length === 1 ? 'that folder' : 'those folders'} yours first: \`sudo mkdir -p ${paths.join(' ')} && sudo chown "$(id -u):$(id -g)" ${paths.join(' ')}\`.`);
  }
  const okPaths = facts.paths.length - blocked.length - facts.paths.filter((p) => p.state === 'not-a-folder' || p.state === 'error').length;
  if (facts.paths.length > 0 && okPaths === facts.paths.length) good.push(`can write or create all ${plural(facts.paths.length, 'folder')} the steps use`);

  const fix = fixes.length ? fixes.join('\n') : undefined;
  if (problems.length > 0) return result('privileges', 'fail', [...problems, ...warnings].join('; '), fix);
  if (warnings.length > 0) return result('privileges', 'warn', warnings.join('; '), fix);
  return result('privileges', 'pass', good.join(', '));
}

/** The members of a group in /etc/group text ("name:x:gid:a,b"), or undefined when it is not listed. */
export function parseGroupEntry(groupFile: string, name: string): { gid: number; members: string[] } | undefined {
  for (const line of groupFile.split('\n')) {
    const [group, , gid, members] = line.trim().split(':');
    if (group !== name || gid === undefined || !/^\d+$/.test(gid)) continue;
    return { gid: Number(gid), members: (members ?? '').split(',').map((m) => m.trim()).filter(Boolean) };
  }
  return undefined;
}

// ------------------------------------------------------------------------------- skips and the outcome

const isCheckName = (name: string): name is CheckName => (CHECK_NAMES as readonly string[]).includes(name);

/** Every --skip-check name must be a check's name: a typo must not silently skip nothing. */
export function checkSkipNames(names: readonly string[]): CheckName[] {
  const unknown = names.filter((n) => !isCheckName(n));
  if (unknown.length > 0) {
    const guess = unknown.length === 1 ? closest(unknown[0]!, CHECK_NAMES) : undefined;
    throw new UsageError(`--skip-check: there is no check named ${listWords(unknown.map((n) => `"${n}"`))}${guess ? ` (did you mean "${guess}"?)` : ''}.`, [
      `The checks are: ${CHECK_NAMES.join(', ')}.`,
    ]);
  }
  return names as CheckName[];
}

/**
 * Turns the failures named by --skip-check into 'skipped', keeping what was found and the fix (the problem
 * is still there; the user chose to go on). Passes and warnings stay as they are. Unknown names throw.
 */
export function applySkips(results: readonly CheckResult[], skipNames: readonly string[]): CheckResult[] {
  const skip = new Set(checkSkipNames(skipNames));
  return results.map((r) =>
    r.status === 'fail' && skip.has(r.name) ? { ...r, status: 'skipped' as const, detail: `${r.detail} (failure overridden by --skip-check ${r.name})` } : r,
  );
}

const LABEL: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

/** For people: one line per check ("FAIL  ports: port 80 is in use"), its fix indented below. */
export function formatResults(results: readonly CheckResult[]): string {
  return results
    .map((r) => {
      const line = `${LABEL[r.status].padEnd(5)} ${r.name}: ${r.detail}\n`;
      return r.fix && r.status !== 'pass' ? `${line}${r.fix.split('\n').map((f, i) => `      ${i === 0 ? 'fix: ' : '     '}${f}\n`).join('')}` : line;
    })
    .join('');
}

export function summarize(results: readonly CheckResult[]): { passed: number; warnings: number; failed: number; skipped: number; ok: boolean } {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const failed = count('fail');
  return { passed: count('pass'), warnings: count('warn'), failed, skipped: count('skipped'), ok: failed === 0 };
}

/** "7 checks: 5 passed, 1 warning, 1 failed." */
export function summaryLine(results: readonly CheckResult[]): string {
  const s = summarize(results);
  const parts = [`${s.passed} passed`];
  if (s.warnings) parts.push(plural(s.warnings, 'warning'));
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.failed) parts.push(`${s.failed} failed`);
  return `${plural(results.length, 'check')}: ${parts.join(', ')}.`;
}

/**
 * The error for failed checks (exit 3), or undefined when none failed. `rerun` is the command to run
 * again once fixed, e.g. "fieldstation doctor".
 */
export function preflightFailure(results: readonly CheckResult[], rerun: string): PreflightError | undefined {
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.name);
  if (failed.length === 0) return undefined;
  return new PreflightError(`preflight failed: ${listWords(failed)} (${summaryLine(results).replace(/\.$/, '')}).`, [
    `Apply the fix shown under each failed check, then run \`${rerun}\` again.`,
    `To go on anyway, add ${failed.map((n) => `--skip-check ${n}`).join(' ')} (one flag per check).`,
  ]);
}
