import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../../src/cli/commands/apply.js';
import { doctor, preflight, type DoctorOverrides } from '../../../src/cli/commands/doctor.js';
import type { CliContext } from '../../../src/cli/context.js';
import { createOutput } from '../../../src/cli/output.js';
import { reportError } from '../../../src/cli/report-error.js';
import type { Requirements } from '../../../src/core/stack.js';
import { cryptoRandom } from '../../../src/io/random.js';
import { EXAMPLE_ENV, FIXTURES, ROOT, tempDir } from '../../helpers/cli.js';
import { writeStickypiAnswers } from '../../helpers/stickypi-answers.js';

/** Put first on PATH: a recording stand-in for docker (see its header). */
const STAND_IN = join(FIXTURES, 'docker-stand-in');

/** The environment a user's shell would give, with the docker stand-in first on PATH and none of its switches set. */
function standInEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, PATH: `${STAND_IN}:${process.env['PATH'] ?? ''}` };
  for (const k of Object.keys(env)) if (k.startsWith('FIELDSTATION_DOCKER_')) delete env[k];
  return { ...env, ...extra };
}

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command function as run-command.ts does: its return value, or its error reported with an exit code. */
async function runIn(command: (ctx: CliContext) => Promise<number>, args: string[], env: Record<string, string | undefined>, cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (add(String(chunk)), done()) });
  const errStream = sink((s) => (stderr += s));
  const out = createOutput(sink((s) => (stdout += s)), errStream);
  const ctx: CliContext = {
    args, env, cwd, out, interactive: false, stdin: Readable.from([]), stderr: errStream, now: () => new Date(), random: cryptoRandom, root: ROOT,
  };
  let status: number;
  try {
    status = await command(ctx);
  } catch (error) {
    status = reportError(error, out);
  }
  return { status, stdout, stderr };
}

const runDoctorCli = (args: string[], options: { env?: Record<string, string>; overrides?: DoctorOverrides; cwd?: string } = {}) =>
  runIn((ctx) => doctor(ctx, options.overrides ?? {}), args, standInEnv(options.env), options.cwd ?? tempDir());

/** A machine that has everything: the checks under test are changed one at a time. */
function needs(dir: string, changes: Partial<Requirements> = {}): Requirements {
  return { ports: [], hostnames: [], disk: [{ path: dir, bytes: 1024, why: 'test data' }], memoryBytes: 1024, docker: true, ...changes };
}

/** The line of one check in the text output. */
const lineOf = (stdout: string, name: string) => stdout.split('\n').find((l) => l.slice(6).startsWith(`${name}:`)) ?? `(no ${name} line in:\n${stdout})`;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** Listens on an ephemeral port on all IPv4 addresses, as a server in the way would. */
async function busyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((done) => server.listen({ port: 0, host: '0.0.0.0' }, done));
  return (server.address() as AddressInfo).port;
}

const lookupTo = (address: string, asked: string[] = []) => async (host: string) => {
  asked.push(host);
  return [address];
};

describe('fieldstation doctor', () => {
  it('passes with a reachable engine and Compose v2, calling docker with an argv', async () => {
    const dir = tempDir();
    const record = join(dir, 'docker-calls.jsonl');
    const r = await runDoctorCli([], { env: { FIELDSTATION_DOCKER_RECORD: record }, overrides: { requirements: needs(dir), writePaths: [dir] } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(lineOf(r.stdout, 'docker')).toBe('PASS  docker: Docker engine 28.2.2 is reachable');
    expect(lineOf(r.stdout, 'compose')).toBe('PASS  compose: Docker Compose 2.40.3');
    expect(lineOf(r.stdout, 'privileges')).toMatch(/^PASS {2}privileges: running as (root|uid \d+.*), .*can write or create all 1 folder the steps use$/);
    expect(r.stdout).toMatch(/^7 checks: 7 passed\.$/m);
    const calls = readFileSync(record, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { argv: string[] }).argv);
    expect(calls).toEqual(expect.arrayContaining([['info', '--format', '{{.ServerVersion}}'], ['compose', 'version']]));
    expect(calls).toHaveLength(2);
  });

  it('fails without an engine, with the fix, and exits 3 naming the override', async () => {
    const dir = tempDir();
    const r = await runDoctorCli([], { env: { FIELDSTATION_DOCKER_NO_ENGINE: '1' }, overrides: { requirements: needs(dir), writePaths: [dir] } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'docker')).toBe('FAIL  docker: the Docker engine is not running: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
    expect(r.stdout).toContain('      fix: Start it, and at every boot: `sudo systemctl enable --now docker`');
    expect(lineOf(r.stdout, 'compose')).toMatch(/^PASS/);
    expect(r.stderr).toContain('fieldstation: preflight failed: docker (');
    expect(r.stderr).toContain('To go on anyway, add --skip-check docker (one flag per check).');
  });

  it('fails when Compose v2 is missing', async () => {
    const dir = tempDir();
    const r = await runDoctorCli([], { env: { FIELDSTATION_DOCKER_COMPOSE_V1: '1' }, overrides: { requirements: needs(dir), writePaths: [dir] } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'compose')).toBe("FAIL  compose: Docker Compose v2 is missing (docker: 'compose' is not a docker command.)");
    expect(r.stdout).toContain('sudo apt-get install docker-compose-plugin');
    expect(lineOf(r.stdout, 'docker')).toMatch(/^PASS/);
  });

  it('fails when docker is not installed at all', async () => {
    const dir = tempDir();
    const r = await runIn((ctx) => doctor(ctx, { requirements: needs(dir), writePaths: [dir] }), [], { ...standInEnv(), PATH: dir }, dir);
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'docker')).toBe('FAIL  docker: docker is not installed (not found on PATH)');
    expect(lineOf(r.stdout, 'compose')).toBe('FAIL  compose: docker is not installed, so neither is Compose');
  });

  it('fails when a port is in use', async () => {
    const dir = tempDir();
    const port = await busyPort();
    const r = await runDoctorCli([], { overrides: { requirements: needs(dir, { docker: false, ports: [port] }), writePaths: [dir] } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'ports')).toBe(`FAIL  ports: port ${port} is in use`);
    expect(r.stdout).toContain(`fix: See what listens: \`sudo ss -ltnp 'sport = :${port}'\``);
  });

  it('fails when the disk cannot hold the estimate', async () => {
    const dir = tempDir();
    const r = await runDoctorCli([], {
      overrides: { requirements: needs(dir, { docker: false, disk: [{ path: join(dir, 'not', 'yet'), bytes: 2 ** 60, why: 'a billion images' }] }), writePaths: [dir] },
    });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'disk')).toMatch(new RegExp(`^FAIL  disk: ${join(dir, 'not', 'yet')}: 1073741824\\.0 GB needed, [\\d.]+ GB free$`));
    expect(r.stdout).toContain(`(see \`df -h ${dir}\``);
    expect(r.stdout).toContain('for a billion images');
  });

  it('passes a name that resolves to this machine, and warns for one that resolves elsewhere', async () => {
    const dir = tempDir();
    const asked: string[] = [];
    const here = await runDoctorCli([], {
      overrides: { requirements: needs(dir, { docker: false, hostnames: ['lab.example.org', 'api.lab.example.org'] }), writePaths: [dir], deps: { lookup: lookupTo('127.0.0.1', asked) } },
    });
    expect(here.status, here.stdout).toBe(0);
    expect(lineOf(here.stdout, 'dns')).toBe('PASS  dns: lab.example.org and api.lab.example.org resolve to this machine');
    expect(asked.sort()).toEqual(['api.lab.example.org', 'lab.example.org']);

    const elsewhere = await runDoctorCli([], {
      overrides: { requirements: needs(dir, { docker: false, hostnames: ['lab.example.org'] }), writePaths: [dir], deps: { lookup: lookupTo('203.0.113.7') } },
    });
    expect(elsewhere.status, elsewhere.stdout).toBe(0);
    expect(lineOf(elsewhere.stdout, 'dns')).toMatch(/^WARN {2}dns: lab\.example\.org points to 203\.0\.113\.7; this machine has .+ \(fine behind NAT/);
  });

  it('fails a name that does not resolve; --skip-check dns overrides it', async () => {
    const dir = tempDir();
    const overrides = { requirements: needs(dir, { docker: false, hostnames: ['name.invalid'] }), writePaths: [dir] };
    const r = await runDoctorCli([], { overrides });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'dns')).toMatch(/^FAIL {2}dns: name\.invalid( does not resolve| could not be looked up|: no answer)/);
    expect(r.stdout).toContain('create an A (or AAAA) record for name.invalid');
    expect(r.stderr).toContain('--skip-check dns');

    const skipped = await runDoctorCli(['--skip-check', 'dns'], { overrides });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(lineOf(skipped.stdout, 'dns')).toMatch(/^SKIP {2}dns: name\.invalid.*\(failure overridden by --skip-check dns\)$/);
    expect(skipped.stdout).toMatch(/^7 checks: 6 passed, 1 skipped\.$/m);
  });

  it('refuses an unknown --skip-check name with exit 2, listing the names, before checking anything', async () => {
    const dir = tempDir();
    const record = join(dir, 'docker-calls.jsonl');
    const r = await runDoctorCli(['--skip-check', 'dnss'], { env: { FIELDSTATION_DOCKER_RECORD: record }, overrides: { requirements: needs(dir), writePaths: [dir] } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--skip-check: there is no check named "dnss" (did you mean "dns"?).');
    expect(r.stderr).toContain('The checks are: docker, compose, ports, disk, memory, dns, privileges.');
    expect(existsSync(record)).toBe(false);
  });

  it('prints the results as JSON with --json', async () => {
    const dir = tempDir();
    const r = await runDoctorCli(['--json', '--skip-check', 'dns'], {
      overrides: { requirements: needs(dir, { hostnames: ['name.invalid'] }), writePaths: [dir] },
    });
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as { ok: boolean; results: { name: string; status: string; title: string; detail: string; fix?: string }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.results.map((x) => [x.name, x.status])).toEqual([
      ['docker', 'pass'], ['compose', 'pass'], ['ports', 'pass'], ['disk', 'pass'], ['memory', 'pass'], ['dns', 'skipped'], ['privileges', 'pass'],
    ]);
    expect(parsed.results[5]).toMatchObject({ title: 'DNS', fix: expect.stringContaining('getent hosts name.invalid') });
  });

  it('reads the requirements from an answers file without reading its secrets', async () => {
    const work = tempDir();
    const answers = writeStickypiAnswers(work, { domain: 'lab.example.org' });
    const asked: string[] = [];
    // No STICKY_S3_* in the environment: doctor needs no secret value.
    const env = standInEnv();
    delete env['STICKY_S3_ACCESS_KEY'];
    delete env['STICKY_S3_PRIVATE_KEY'];
    const r = await runIn((ctx) => doctor(ctx, { deps: { lookup: lookupTo('127.0.0.1', asked) } }), ['--answers', answers, '--dir', join(work, 'server')], env, work);
    expect([0, 3], r.stderr).toContain(r.status);
    expect(r.stderr).toContain(`Checking this machine for Sticky Pi (answers from ${answers}).`);
    expect(asked.sort()).toEqual(['api.lab.example.org', 'lab.example.org', 'webapp.lab.example.org', 'www.lab.example.org']);
    expect(lineOf(r.stdout, 'ports')).toMatch(/^(PASS|WARN|FAIL) {2}ports: .*\b80\b.*/);
    expect(lineOf(r.stdout, 'disk')).toContain(join(work, 'data'));
    expect(lineOf(r.stdout, 'memory')).toContain('2.0 GB needed');
    expect(r.stdout).toMatch(/^7 checks: /m);
  });

  it('reads the requirements from the state apply wrote, and says to pass --answers when there is none', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    const none = await runDoctorCli(['--dir', dir]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('has no fieldstation install');
    expect(none.stderr).toContain('`fieldstation doctor --answers FILE --dir DIR`');

    const answers = writeStickypiAnswers(work, { domain: 'state.example.org' });
    const applied = await runIn(apply, ['--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { ...process.env, ...EXAMPLE_ENV }, work);
    expect(applied.status, applied.stderr).toBe(0);
    const asked: string[] = [];
    const r = await runDoctorCli(['--dir', dir], { overrides: { deps: { lookup: lookupTo('127.0.0.1', asked) } } });
    expect([0, 3], r.stderr).toContain(r.status);
    expect(r.stderr).toContain(`(answers from ${join(dir, '.fieldstation', 'state.json')})`);
    expect(asked).toContain('webapp.state.example.org');
    expect(lineOf(r.stdout, 'privileges')).toMatch(/^(PASS|WARN|FAIL) {2}privileges: /);
  });
});

describe('preflight (for apply)', () => {
  it('prints the results on stderr and throws PreflightError (exit 3) on a failure', async () => {
    const dir = tempDir();
    const port = await busyPort();
    const r = await runIn((ctx) => preflight(needs(dir, { docker: false, ports: [port] }), [], ctx, { writePaths: [dir] }).then(() => 0), [], standInEnv(), dir);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`FAIL  ports: port ${port} is in use`);
    expect(r.stderr).toContain('then run `fieldstation apply` again');
    expect(r.stderr).toContain(`--skip-check ports`);
    const skipped = await runIn((ctx) => preflight(needs(dir, { docker: false, ports: [port] }), ['ports'], ctx, { writePaths: [dir] }).then((results) => results.filter((x) => x.status === 'skipped').length), [], standInEnv(), dir);
    expect(skipped.status).toBe(1);
  });
});
