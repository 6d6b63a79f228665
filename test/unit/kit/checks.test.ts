import { describe, expect, it } from 'vitest';
import { use, type Check, type CheckResult, type CheckUse, type Verdict } from '../../../src/core/checks/check.js';
import type { CommandFact } from '../../../src/core/checks/machine.js';
import { formatBytes } from '../../../src/core/checks/words.js';
import { parseGroupEntry, parseListeningPorts } from '../../../src/io/machine.js';
import { composeV2, judgeCompose } from '../../../src/kit/checks/compose-v2.js';
import { diskSpace, judgeDisk } from '../../../src/kit/checks/disk-space.js';
import { dns, judgeDns } from '../../../src/kit/checks/dns.js';
import { dockerAccess, dockerEngine, judgeEngine } from '../../../src/kit/checks/docker-engine.js';
import { hostTool } from '../../../src/kit/checks/host-tool.js';
import { judgeMemory, memory } from '../../../src/kit/checks/memory.js';
import { judgePorts, portsFree } from '../../../src/kit/checks/ports-free.js';
import { judgePrivileges, privileges, type PrivilegeFacts } from '../../../src/kit/checks/privileges.js';
import { tcpService } from '../../../src/kit/checks/tcp-service.js';
import { fakeMachine } from '../../helpers/app.js';

const GB = 1024 ** 3;
const INFO_OK: CommandFact = { ok: true, stdout: '28.2.2' };
const COMPOSE_OK: CommandFact = { ok: true, stdout: 'Docker Compose version v2.40.3' };
const exit = (stderr: string): CommandFact => ({ ok: false, reason: 'exit', exitCode: 1, stderr });
/** A verdict under its check's name, as doctor prints it. */
const named = (check: Pick<Check<unknown, unknown>, 'name' | 'title'>, v: Verdict): CheckResult => ({ name: check.name, title: check.title, ...v });

describe('the Docker engine and Compose v2', () => {
  it.each<[string, CommandFact, string, RegExp, RegExp | undefined]>([
    ['reachable', INFO_OK, 'pass', /Docker engine 28\.2\.2 is reachable/, undefined],
    ['not installed', { ok: false, reason: 'not-found' }, 'fail', /not installed/, /docs\.docker\.com\/engine\/install/],
    ['no daemon', exit('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'), 'fail', /not running: Cannot connect/, /sudo systemctl enable --now docker/],
    ['no permission', exit('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock'), 'fail', /no permission/, /sudo usermod -aG docker "\$USER"/],
    ['hangs', { ok: false, reason: 'timeout', seconds: 15 }, 'fail', /did not answer within 15 s/, /systemctl restart docker/],
    ['other failure', exit('error during connect: something odd'), 'fail', /failed: error during connect/, /docker info/],
    ['cannot start', { ok: false, reason: 'error', message: 'EACCES' }, 'fail', /could not be run: EACCES/, /docker info/],
  ])('engine %s', (_, info, status, detail, fix) => {
    const docker = named(dockerEngine, judgeEngine(info));
    expect(docker.name).toBe('docker');
    expect(docker.status).toBe(status);
    expect(docker.detail).toMatch(detail);
    if (fix) expect(docker.fix).toMatch(fix);
    else expect(docker.fix).toBeUndefined();
  });

  it.each<[string, CommandFact, string, RegExp]>([
    ['v2', COMPOSE_OK, 'pass', /Docker Compose 2\.40\.3/],
    ['plain version', { ok: true, stdout: '2.24.6' }, 'pass', /2\.24\.6/],
    ['v1 only', exit("docker: 'compose' is not a docker command.\nSee 'docker --help'"), 'fail', /v2 is missing/],
    ['too old', { ok: true, stdout: 'docker-compose version 1.29.2, build 5becea4c' }, 'fail', /1\.29\.2 is too old/],
    ['unreadable', { ok: true, stdout: 'something' }, 'warn', /cannot read the version/],
    ['no docker', { ok: false, reason: 'not-found' }, 'fail', /docker is not installed/],
    ['hangs', { ok: false, reason: 'timeout', seconds: 15 }, 'fail', /within 15 s/],
  ])('compose %s', (_, compose, status, detail) => {
    const result = named(composeV2, judgeCompose(compose));
    expect(result.name).toBe('compose');
    expect(result.status).toBe(status);
    expect(result.detail).toMatch(detail);
    if (status === 'fail' && _ === 'v1 only') expect(result.fix).toMatch(/docker-compose-plugin/);
  });


  it.each<[CommandFact, ReturnType<typeof dockerAccess>]>([
    [INFO_OK, 'reachable'],
    [{ ok: false, reason: 'not-found' }, 'not-installed'],
    [exit('Got permission denied while trying to connect'), 'permission-denied'],
    [exit('Cannot connect to the Docker daemon'), 'unreachable'],
    [{ ok: false, reason: 'timeout', seconds: 1 }, 'unreachable'],
  ])('dockerAccess %#', (info, access) => expect(dockerAccess(info)).toBe(access));
});

describe('judgePorts', () => {
  it.each<[string, Parameters<typeof judgePorts>[0], string, string, RegExp | undefined]>([
    ['none needed', [], 'pass', 'no ports needed', undefined],
    ['all free', [{ port: 80, state: 'free' }, { port: 443, state: 'free' }], 'pass', '80 and 443 are free', undefined],
    ['one in use', [{ port: 80, state: 'in-use' }, { port: 443, state: 'free' }], 'fail', 'port 80 is in use', /sudo ss -ltnp 'sport = :80'/],
    ['both in use', [{ port: 80, state: 'in-use' }, { port: 443, state: 'in-use' }], 'fail', 'ports 80 and 443 are in use', /'\( sport = :80 or sport = :443 \)'/],
    ['in use and unknown', [{ port: 80, state: 'in-use' }, { port: 443, state: 'unknown', note: 'EPERM' }], 'fail', 'port 80 is in use; could not check 443', /sport = :80/],
    ['unknown', [{ port: 80, state: 'unknown', note: 'binding it needs root' }, { port: 443, state: 'free' }], 'warn', 'could not check port 80 (binding it needs root)', /must list nothing/],
  ])('%s', (_, facts, status, detail, fix) => {
    const r = named(portsFree, judgePorts(facts));
    expect([r.name, r.status, r.detail]).toEqual(['ports', status, detail]);
    if (fix) expect(r.fix).toMatch(fix);
    else expect(r.fix).toBeUndefined();
  });

  it('reads listening ports from /proc/net/tcp and tcp6 text', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
      '   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2 1 0 100 0 0 10 0',
      '   2: 0100007F:01BB 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 3 1 0 20 4 30 10 -1',
      '',
    ].join('\n');
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue',
      '   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000',
    ].join('\n');
    expect([...parseListeningPorts(tcp)]).toEqual([80, 8080]);
    expect([...parseListeningPorts(tcp6)]).toEqual([443]);
    expect(parseListeningPorts('').size).toBe(0);
  });
});

describe('judgeDisk', () => {
  const need = (path: string, gb: number, why = 'data') => ({ path, bytes: gb * GB, why });
  it.each<[string, Parameters<typeof judgeDisk>[0], string, string]>([
    ['nothing needed', [], 'pass', 'no disk space needed'],
    ['plenty', [{ needs: [need('/opt/x', 10)], measuredAt: '/opt', freeBytes: 100 * GB }], 'pass', '/opt/x: 10.0 GB needed, 100.0 GB free'],
    ['same file system adds up', [{ needs: [need('/opt/x', 10), need('/var/lib/docker', 6)], measuredAt: '/opt', freeBytes: 15 * GB }], 'fail',
      '/opt/x and /var/lib/docker (one file system): 16.0 GB needed, 15.0 GB free'],
    ['tight', [{ needs: [need('/opt/x', 10)], measuredAt: '/opt', freeBytes: 11 * GB }], 'warn', '/opt/x: 10.0 GB needed, 11.0 GB free'],
    ['exactly 20% spare', [{ needs: [need('/opt/x', 10)], measuredAt: '/opt', freeBytes: 12 * GB }], 'pass', '/opt/x: 10.0 GB needed, 12.0 GB free'],
    ['unmeasurable', [{ needs: [need('/mnt/x', 1)], measuredAt: '/mnt', error: 'EACCES' }], 'warn', '/mnt/x: could not measure free space (EACCES)'],
    ['one of two fails', [
      { needs: [need('/opt/x', 10)], measuredAt: '/opt', freeBytes: 100 * GB },
      { needs: [need('/tmp', 2080, 'images')], measuredAt: '/tmp', freeBytes: 50 * GB },
    ], 'fail', '/opt/x: 10.0 GB needed, 100.0 GB free; /tmp: 2080.0 GB needed, 50.0 GB free'],
  ])('%s', (_, facts, status, detail) => {
    const r = named(diskSpace, judgeDisk(facts));
    expect([r.name, r.status, r.detail]).toEqual(['disk', status, detail]);
    if (status === 'pass') expect(r.fix).toBeUndefined();
    else expect(r.fix).toMatch(/df -h \/(opt|mnt|tmp)/);
  });

  it('says how much to free and what each need is for', () => {
    const r = judgeDisk([{ needs: [need('/opt/x', 10, 'database'), need('/var/lib/docker', 6, 'container images')], measuredAt: '/', freeBytes: 15 * GB }]);
    expect(r.fix).toContain('Free at least 1.0 GB on the file system of / (see `df -h /`');
    expect(r.fix).toContain('10.0 GB for database (/opt/x), 6.0 GB for container images (/var/lib/docker)');
  });

  it.each([[512 * 1024 ** 2, '512 MB'], [1.5 * GB, '1.5 GB'], [100, '100 bytes']])('formatBytes(%d)', (n, text) => expect(formatBytes(n)).toBe(text));
});

describe('judgeMemory', () => {
  it.each<[number, number, string, RegExp]>([
    [2 * GB, 8 * GB, 'pass', /^8\.0 GB total, 2\.0 GB needed$/],
    [2 * GB, 1.9 * GB, 'pass', /1\.9 GB total/], // a "2 GB" VM: the kernel keeps some
    [2 * GB, 1.5 * GB, 'warn', /may be slow/],
    [2 * GB, 0.5 * GB, 'fail', /too little/],
    [0, 1 * GB, 'pass', /no minimum/],
  ])('needs %d, has %d', (needed, total, status, detail) => {
    const r = named(memory, judgeMemory(needed, total));
    expect([r.name, r.status]).toEqual(['memory', status]);
    expect(r.detail).toMatch(detail);
    if (status === 'pass') expect(r.fix).toBeUndefined();
    else expect(r.fix).toContain('sudo fallocate -l 2G /swapfile');
  });
});

describe('judgeDns', () => {
  const LOCAL = ['127.0.0.1', '::1', '10.0.0.4', 'fe80::1'];
  it.each<[string, Parameters<typeof judgeDns>[0], string, string]>([
    ['no names', [], 'pass', 'no names to check'],
    ['all here', [{ host: 'a.org', addresses: ['10.0.0.4'] }, { host: 'api.a.org', addresses: ['127.0.0.1'] }], 'pass', 'a.org and api.a.org resolve to this machine'],
    ['one of several addresses here', [{ host: 'a.org', addresses: ['203.0.113.9', '10.0.0.4'] }], 'pass', 'a.org resolves to this machine'],
    ['scoped link-local', [{ host: 'a.org', addresses: ['fe80::1%eth0'] }], 'pass', 'a.org resolves to this machine'],
    ['elsewhere warns', [{ host: 'a.org', addresses: ['203.0.113.9'] }], 'warn',
      'a.org points to 203.0.113.9; this machine has 10.0.0.4 (fine behind NAT or a load balancer that forwards ports 80 and 443 here)'],
    ['missing fails', [{ host: 'a.org', addresses: ['10.0.0.4'] }, { host: 'www.a.org', error: 'ENOTFOUND' }], 'fail', 'www.a.org does not resolve; a.org resolves here'],
    ['several missing, one line', [{ host: 'a.org', error: 'ENOTFOUND' }, { host: 'api.a.org', error: 'ENOTFOUND' }, { host: 'www.a.org', addresses: [] }], 'fail', 'a.org, api.a.org and www.a.org do not resolve'],
    ['no addresses fails', [{ host: 'a.org', addresses: [] }], 'fail', 'a.org does not resolve'],
    ['timeout fails', [{ host: 'a.org', error: 'TIMEOUT', seconds: 5 }], 'fail', 'a.org: no answer within 5 s'],
    ['resolver trouble fails', [{ host: 'a.org', error: 'EAI_AGAIN' }], 'fail', 'a.org could not be looked up (EAI_AGAIN)'],
    ['mixed', [{ host: 'a.org', error: 'ENOTFOUND' }, { host: 'b.org', addresses: ['203.0.113.9'] }], 'fail', 'a.org does not resolve; b.org points to 203.0.113.9, not to this machine'],
  ])('%s', (_, facts, status, detail) => {
    const r = named(dns, judgeDns(facts, LOCAL, [80, 443]));
    expect([r.name, r.status, r.detail]).toEqual(['dns', status, detail]);
  });

  it('tells what record to create, with this machine\'s addresses', () => {
    const r = judgeDns([{ host: 'a.org', error: 'ENOTFOUND' }, { host: 'api.a.org', error: 'ENOTFOUND' }], LOCAL);
    expect(r.fix).toBe('At your DNS provider, create an A (or AAAA) record for a.org and api.a.org pointing at this machine\'s public address (this machine has 10.0.0.4); then `getent hosts a.org` must print it. New records can take a while to be seen.');
    expect(judgeDns([{ host: 'a.org', error: 'EAI_AGAIN' }], LOCAL).fix).toContain('/etc/resolv.conf');
    expect(judgeDns([{ host: 'a.org', addresses: ['203.0.113.9'] }], LOCAL).fix).toBe('If this machine is not behind NAT or a load balancer, change the A record of a.org to this machine\'s address (10.0.0.4).');
  });

  it('names the ports a load balancer must forward when the server gives them', () => {
    expect(judgeDns([{ host: 'a.org', addresses: ['203.0.113.9'] }], LOCAL, [8443]).detail).toContain('forwards port 8443 here');
    expect(judgeDns([{ host: 'a.org', addresses: ['203.0.113.9'] }], LOCAL).detail).toContain('forwards the server\'s ports here');
  });

  it('shows loopback addresses only when the machine has no other', () => {
    expect(judgeDns([{ host: 'a.org', addresses: ['203.0.113.9'] }], ['127.0.0.1']).detail).toContain('this machine has 127.0.0.1');
  });
});

describe('judgePrivileges', () => {
  const base: PrivilegeFacts = { uid: 1000, groups: [1000], user: 'ana', dockerGroup: { gid: 998, members: [] }, dockerNeeded: true, docker: 'reachable', paths: [] };
  it.each<[string, Partial<PrivilegeFacts>, string, RegExp, RegExp | undefined]>([
    ['root', { uid: 0, groups: [0], docker: 'permission-denied' }, 'pass', /^running as root$/, undefined],
    ['in the docker group', { groups: [1000, 998], docker: 'unreachable' }, 'pass', /in the docker group/, undefined],
    ['the engine answered (e.g. rootless)', {}, 'pass', /may use the Docker engine/, undefined],
    ['permission denied', { docker: 'permission-denied' }, 'fail', /uid 1000 \(ana\) may not use the Docker engine/, /sudo usermod -aG docker "\$USER"/],
    ['added but not logged in again', { docker: 'permission-denied', dockerGroup: { gid: 998, members: ['ana'] } }, 'fail', /may not use/, /log out and back in \(or run `newgrp docker`\)/],
    ['engine down, not in group', { docker: 'unreachable' }, 'warn', /cannot tell whether uid 1000 \(ana\) may use/, /usermod/],
    ['docker not needed', { docker: undefined, dockerNeeded: false, groups: [] }, 'pass', /running as uid 1000/, undefined],
    ['writable folders', { paths: [{ path: '/srv/x', state: 'writable' }, { path: '/srv/y/z', state: 'creatable', parent: '/srv' }] }, 'pass', /can write or create all 2 folders the steps use/, undefined],
    ['folders not creatable', { paths: [
      { path: '/opt/s/mysql', state: 'not-writable', at: '/opt' },
      { path: '/opt/s/www', state: 'not-writable', at: '/opt' },
    ] }, 'fail', /^uid 1000 \(ana\) cannot create or write \/opt\/s\/mysql and \/opt\/s\/www \(\/opt is not writable\)$/,
    /^Run fieldstation with sudo, or make those folders yours first: `sudo mkdir -p \/opt\/s\/mysql \/opt\/s\/www && sudo chown "\$\(id -u\):\$\(id -g\)" \/opt\/s\/mysql \/opt\/s\/www`\.$/],
    ['existing folder not writable', { paths: [{ path: '/srv/x', state: 'not-writable', at: '/srv/x' }] }, 'fail', /cannot create or write \/srv\/x \(\/srv\/x is not writable\)/, /make that folder yours first: `sudo mkdir -p \/srv\/x && sudo chown "\$\(id -u\):\$\(id -g\)" \/srv\/x`/],
    ['root on a read-only file system', { uid: 0, paths: [{ path: '/srv/x', state: 'not-writable', at: '/srv' }] }, 'fail', /^root cannot create or write \/srv\/x \(\/srv is not writable\)$/, /findmnt -T \/srv/],
    ['a file in the way', { paths: [{ path: '/srv/x/y', state: 'not-a-folder', at: '/srv/x' }] }, 'fail', /\/srv\/x\/y cannot be a folder: \/srv\/x is a file/, /Move or remove \/srv\/x/],
    ['cannot look', { paths: [{ path: '/srv/x', state: 'error', at: '/srv', error: 'EIO' }] }, 'warn', /cannot check \/srv\/x \(EIO at \/srv\)/, /by hand/],
  ])('%s', (_, facts, status, detail, fix) => {
    const r = named(privileges, judgePrivileges({ ...base, ...facts }));
    expect([r.name, r.status]).toEqual(['privileges', status]);
    expect(r.detail).toMatch(detail);
    if (fix) expect(r.fix).toMatch(fix);
    else expect(r.fix).toBeUndefined();
  });

  it('reads the docker group from /etc/group text', () => {
    const text = 'root:x:0:\nsudo:x:27:ana\ndocker:x:998:ana,bo\n';
    expect(parseGroupEntry(text, 'docker')).toEqual({ gid: 998, members: ['ana', 'bo'] });
    expect(parseGroupEntry('docker:x:999:\n', 'docker')).toEqual({ gid: 999, members: [] });
    expect(parseGroupEntry(text, 'wheel')).toBeUndefined();
  });
});

describe('a busy port after an earlier run', () => {
  it('only warns: the server\'s own services, started by that run, probably hold it', () => {
    const r = judgePorts([{ port: 80, state: 'in-use' }], { rerun: true });
    expect([r.status, r.detail]).toEqual(['warn', 'port 80 is in use (probably by this server, started by an earlier run)']);
    expect(r.fix).toMatch(/sudo ss -ltnp/);
  });
});

describe('a TCP service and a host tool', () => {
  const fix = 'Start it: `sudo systemctl start mariadb`.';
  const params = { service: 'the MariaDB server', host: 'db.lan', port: 3306, fix };
  it.each<[string, Parameters<typeof tcpService.judge>[0], string, string]>([
    ['reachable', { host: 'db.lan', port: 3306, reachable: true }, 'pass', 'the MariaDB server accepts connections at db.lan:3306'],
    ['refused', { host: 'db.lan', port: 3306, reachable: false, error: 'ECONNREFUSED' }, 'fail', 'the MariaDB server at db.lan:3306: the connection was refused (nothing listens there)'],
    ['dropped', { host: 'db.lan', port: 3306, reachable: false, error: 'TIMEOUT' }, 'fail', 'the MariaDB server at db.lan:3306: no answer (a firewall may drop the packets)'],
    ['unknown name', { host: 'db.lan', port: 3306, reachable: false, error: 'ENOTFOUND' }, 'fail', 'the MariaDB server at db.lan:3306: db.lan does not resolve'],
  ])('tcp: %s', (_, fact, status, detail) => {
    const v = tcpService.judge(fact, params, { rerun: false });
    expect([v.status, v.detail]).toEqual([status, detail]);
    expect(v.fix).toBe(status === 'pass' ? undefined : fix);
  });

  it('tool: found, or the package to install', () => {
    const params = { program: 'openssl', debianPackage: 'openssl', why: 'the TLS step runs it' };
    expect(hostTool.judge('/usr/bin/openssl', params, { rerun: false })).toEqual({ status: 'pass', detail: 'openssl is /usr/bin/openssl' });
    expect(hostTool.judge(undefined, params, { rerun: false })).toEqual({ status: 'fail', detail: 'openssl is not installed (not found on PATH); the TLS step runs it', fix: 'Install it: `sudo apt-get install openssl`.' });
  });
});

describe('a check as a stack picks it', () => {
  /** The shared fake machine, answering `docker info`, without rsync. */
  const machine = () => {
    const m = fakeMachine();
    m.commands.set('docker info --format {{.ServerVersion}}', INFO_OK);
    return { ...m, which: async () => undefined };
  };

  it('measures through the machine, judges with its parameters, and may be named for its use', async () => {
    const m = machine();
    const asked = m.asked;
    expect(await use(dockerEngine, {}).run(m, { rerun: false })).toEqual({ status: 'pass', detail: 'Docker engine 28.2.2 is reachable' });
    expect(asked).toEqual(['docker info --format {{.ServerVersion}}']);
    expect(await use(memory, { bytes: 16 * GB }).run(m, { rerun: false })).toMatchObject({ status: 'warn' });
    const tool = use(hostTool, { program: 'rsync', debianPackage: 'rsync', why: 'the backup step runs it' }, { name: 'tool-rsync' });
    expect([tool.name, tool.title]).toEqual(['tool-rsync', 'Host tool']);
    expect(await tool.run(m, { rerun: false })).toMatchObject({ status: 'fail', fix: 'Install it: `sudo apt-get install rsync`.' });
  });
});

describe('what skipping a failed check breaks', () => {
  it.each<[string, CheckUse, RegExp]>([
    ['docker', use(dockerEngine, {}), /every step that runs docker fails/],
    ['compose', use(composeV2, {}), /`docker compose` fails/],
    ['ports', use(portsFree, { ports: [80, 443] }), /cannot listen on 80 and 443/],
    ['disk', use(diskSpace, { needs: [{ path: '/srv', bytes: GB, why: 'the database' }, { path: '/var/lib/docker', bytes: GB, why: 'container images' }] }), /fill the disk \(the database; container images\)/],
    ['memory', use(memory, { bytes: GB }), /killed when memory runs out/],
    ['dns', use(dns, { hosts: ['a.example.org', 'b.example.org'] }), /cannot reach a\.example\.org and the other names: the certificate step fails/],
    ['privileges', use(privileges, { docker: true, paths: [] }), /permission denied/],
    ['tcp', use(tcpService, { service: 'the MariaDB server', host: 'db', port: 3306, fix: 'Start it.' }), /talk to the MariaDB server fail/],
    ['tool', use(hostTool, { program: 'openssl', why: 'the tls-params step runs it' }), /^The tls-params step runs it: without openssl that step fails/],
  ])('%s says it, in its own terms', (_name, picked, says) => {
    expect(picked.ifSkipped).toMatch(says);
  });

  it('reaches a failed result only: a passing check has nothing to break', async () => {
    const { runChecks } = await import('../../../src/app/preflight.js');
    const machine = fakeMachine();
    const results = await runChecks({ machine: async () => machine }, [use(hostTool, { program: 'openssl', why: 'the x step runs it' }), use(memory, { bytes: GB })], { skip: [], rerun: false });
    expect(results.map((r) => [r.name, r.status, r.ifSkipped !== undefined])).toEqual([['tool', 'pass', false], ['memory', 'pass', false]]);
    Object.assign(machine, { which: async () => undefined });
    const failed = await runChecks({ machine: async () => machine }, [use(hostTool, { program: 'openssl', why: 'the x step runs it' })], { skip: [], rerun: false });
    expect(failed[0]).toMatchObject({ status: 'fail', ifSkipped: 'The x step runs it: without openssl that step fails, and the ones after it do not run.' });
  });
});
