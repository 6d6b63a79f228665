import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StackEntry } from '../../../src/app/ports.js';
import { use, type CheckUse } from '../../../src/core/checks/check.js';
import type { DiskNeed } from '../../../src/core/checks/machine.js';
import type { MachineOptions } from '../../../src/io/machine.js';
import { composeV2, diskSpace, dns, dockerEngine, memory, portsFree, privileges } from '../../../src/kit/checks/index.js';
import { tempDir } from '../../helpers/cli.js';
import { checkLine, dockerStandInEnv as standInEnv } from '../../helpers/docker.js';
import { runInProcess } from '../../helpers/in-process.js';

interface Needs {
  readonly docker?: boolean;
  readonly ports?: readonly number[];
  readonly hostnames?: readonly string[];
  readonly disk?: readonly DiskNeed[];
}

/**
 * A server with no questions and no files whose checks are the shared ones, picked and parameterised by
 * the test: a machine that has everything, the checks under test changed one at a time.
 */
function probe(dir: string, n: Needs = {}): { entry: StackEntry; answers: string } {
  const checks = (writePaths: readonly string[]): CheckUse[] => [
    ...(n.docker === false ? [] : [use(dockerEngine, {}), use(composeV2, {})]),
    use(portsFree, { ports: n.ports ?? [] }),
    use(diskSpace, { needs: n.disk ?? [{ path: dir, bytes: 1024, why: 'test data' }] }),
    use(memory, { bytes: 1024 }),
    use(dns, { hosts: n.hostnames ?? [] }),
    use(privileges, { docker: n.docker !== false, paths: writePaths }),
  ];
  const about = { id: 'probe', title: 'Probe', tagline: 'the shared checks (a test server)', summary: '', examples: [] };
  const entry: StackEntry = { about, load: async () => ({ ...about, questions: [], files: [], stepKinds: [], context: () => ({}), steps: () => [], checks: (_input, { writePaths }) => checks(writePaths) }) };
  const answers = join(dir, 'probe.yaml');
  writeFileSync(answers, 'version: 1\nstack: probe\n');
  return { entry, answers };
}

const runDoctorCli = (dir: string, args: string[], options: { env?: Record<string, string>; needs?: Needs; machine?: Partial<MachineOptions> } = {}) => {
  const { entry, answers } = probe(dir, options.needs);
  return runInProcess(['doctor', '--answers', answers, '--dir', dir, ...args], { env: standInEnv(options.env), cwd: dir, stacks: [entry], ...(options.machine ? { machine: options.machine } : {}) });
};

const lineOf = checkLine;

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
    const r = await runDoctorCli(dir, [], { env: { FIELDSTATION_DOCKER_RECORD: record } });
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
    const r = await runDoctorCli(dir, [], { env: { FIELDSTATION_DOCKER_NO_ENGINE: '1' } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'docker')).toBe('FAIL  docker: the Docker engine is not running: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?');
    expect(r.stdout).toContain('      fix: Start it, and at every boot: `sudo systemctl enable --now docker`');
    expect(lineOf(r.stdout, 'compose')).toMatch(/^PASS/);
    expect(r.stderr).toContain('fieldstation: preflight failed: docker (');
    expect(r.stderr).toContain('To go on anyway, add --skip-check docker (one flag per check).');
  });

  it('fails when Compose v2 is missing', async () => {
    const dir = tempDir();
    const r = await runDoctorCli(dir, [], { env: { FIELDSTATION_DOCKER_COMPOSE_V1: '1' } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'compose')).toBe("FAIL  compose: Docker Compose v2 is missing (docker: 'compose' is not a docker command.)");
    expect(r.stdout).toContain('sudo apt-get install docker-compose-plugin');
    expect(lineOf(r.stdout, 'docker')).toMatch(/^PASS/);
  });

  it('fails when docker is not installed at all', async () => {
    const dir = tempDir();
    const { entry, answers } = probe(dir);
    const r = await runInProcess(['doctor', '--answers', answers, '--dir', dir], { env: { ...standInEnv(), PATH: dir }, cwd: dir, stacks: [entry] });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'docker')).toBe('FAIL  docker: docker is not installed (not found on PATH)');
    expect(lineOf(r.stdout, 'compose')).toBe('FAIL  compose: docker is not installed, so neither is Compose');
  });

  it('fails when a port is in use', async () => {
    const dir = tempDir();
    const port = await busyPort();
    const r = await runDoctorCli(dir, [], { needs: { docker: false, ports: [port] } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'ports')).toBe(`FAIL  ports: port ${port} is in use`);
    expect(r.stdout).toContain(`fix: See what listens: \`sudo ss -ltnp 'sport = :${port}'\``);
  });

  it('stops apply the same way: the results on stderr, nothing on stdout or on disk, exit 3; --skip-check lets it go on', async () => {
    const dir = tempDir();
    const port = await busyPort();
    const { entry, answers } = probe(dir, { docker: false, ports: [port] });
    const apply = (...extra: string[]) => runInProcess(['apply', '--answers', answers, '--dir', dir, '--yes', ...extra], { env: standInEnv(), cwd: dir, stacks: [entry] });
    const r = await apply();
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`FAIL  ports: port ${port} is in use`);
    expect(r.stderr).toContain('then run `fieldstation apply` again');
    expect(r.stderr).toContain('--skip-check ports');
    expect(existsSync(join(dir, '.fieldstation', 'state.json'))).toBe(false);
    const skipped = await apply('--skip-check', 'ports');
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain(`SKIP  ports: port ${port} is in use (failure overridden by --skip-check ports)`);
    expect(existsSync(join(dir, '.fieldstation', 'state.json'))).toBe(true);
  });

  it('fails when the disk cannot hold the estimate', async () => {
    const dir = tempDir();
    const r = await runDoctorCli(dir, [], { needs: { docker: false, disk: [{ path: join(dir, 'not', 'yet'), bytes: 2 ** 60, why: 'a billion images' }] } });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'disk')).toMatch(new RegExp(`^FAIL  disk: ${join(dir, 'not', 'yet')}: 1073741824\\.0 GB needed, [\\d.]+ GB free$`));
    expect(r.stdout).toContain(`(see \`df -h ${dir}\``);
    expect(r.stdout).toContain('for a billion images');
  });

  it('passes a name that resolves to this machine, and warns for one that resolves elsewhere', async () => {
    const dir = tempDir();
    const asked: string[] = [];
    const here = await runDoctorCli(dir, [], { needs: { docker: false, hostnames: ['lab.example.org', 'api.lab.example.org'] }, machine: { lookup: lookupTo('127.0.0.1', asked) } });
    expect(here.status, here.stdout).toBe(0);
    expect(lineOf(here.stdout, 'dns')).toBe('PASS  dns: lab.example.org and api.lab.example.org resolve to this machine');
    expect(asked.sort()).toEqual(['api.lab.example.org', 'lab.example.org']);

    const elsewhere = await runDoctorCli(dir, [], { needs: { docker: false, hostnames: ['lab.example.org'] }, machine: { lookup: lookupTo('203.0.113.7') } });
    expect(elsewhere.status, elsewhere.stdout).toBe(0);
    expect(lineOf(elsewhere.stdout, 'dns')).toMatch(/^WARN {2}dns: lab\.example\.org points to 203\.0\.113\.7; this machine has .+ \(fine behind NAT/);
  });

  it('fails a name that does not resolve; --skip-check dns overrides it', async () => {
    const dir = tempDir();
    const needs = { docker: false, hostnames: ['name.invalid'] };
    const r = await runDoctorCli(dir, [], { needs });
    expect(r.status).toBe(3);
    expect(lineOf(r.stdout, 'dns')).toMatch(/^FAIL {2}dns: name\.invalid( does not resolve| could not be looked up|: no answer)/);
    expect(r.stdout).toContain('create an A (or AAAA) record for name.invalid');
    expect(r.stderr).toContain('--skip-check dns');

    const skipped = await runDoctorCli(dir, ['--skip-check', 'dns'], { needs });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(lineOf(skipped.stdout, 'dns')).toMatch(/^SKIP {2}dns: name\.invalid.*\(failure overridden by --skip-check dns\)$/);
    // A server that runs no container does not pick the Docker checks.
    expect(skipped.stdout).toMatch(/^5 checks: 4 passed, 1 skipped\.$/m);
  });

  it('refuses an unknown --skip-check name with exit 2, listing the names, before checking anything', async () => {
    const dir = tempDir();
    const record = join(dir, 'docker-calls.jsonl');
    const r = await runDoctorCli(dir, ['--skip-check', 'dnss'], { env: { FIELDSTATION_DOCKER_RECORD: record } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--skip-check: there is no check named "dnss" (did you mean "dns"?).');
    expect(r.stderr).toContain('The checks are: docker, compose, ports, disk, memory, dns, privileges.');
    expect(existsSync(record)).toBe(false);
  });

  it('prints the results as JSON with --json', async () => {
    const dir = tempDir();
    const r = await runDoctorCli(dir, ['--json', '--skip-check', 'dns'], { needs: { hostnames: ['name.invalid'] } });
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as { ok: boolean; stack: string; results: { name: string; status: string; title: string; detail: string; fix?: string }[] };
    expect([parsed.ok, parsed.stack]).toEqual([true, 'probe']);
    expect(parsed.results.map((x) => [x.name, x.status])).toEqual([
      ['docker', 'pass'], ['compose', 'pass'], ['ports', 'pass'], ['disk', 'pass'], ['memory', 'pass'], ['dns', 'skipped'], ['privileges', 'pass'],
    ]);
    expect(parsed.results[5]).toMatchObject({ title: 'DNS', fix: expect.stringContaining('getent hosts name.invalid') });
  });

  it('reads the checks from the state apply wrote, and says to pass --answers when there is none', async () => {
    const dir = tempDir();
    const { entry } = probe(dir);
    const none = await runInProcess(['doctor', '--dir', dir], { env: standInEnv(), cwd: dir, stacks: [entry] });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('has no fieldstation install');
    expect(none.stderr).toContain(`\`fieldstation doctor --answers FILE --dir ${dir}\``);
    const applied = await runInProcess(['apply', '--answers', join(dir, 'probe.yaml'), '--dir', dir, '--yes', '--skip-bootstrap'], { env: standInEnv(), cwd: dir, stacks: [entry] });
    expect(applied.status, applied.stderr).toBe(0);
    const r = await runInProcess(['doctor', '--dir', dir], { env: standInEnv(), cwd: dir, stacks: [entry] });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Checking this machine for Probe (answers from ${join(dir, '.fieldstation', 'state.json')}).`);
  });
});
