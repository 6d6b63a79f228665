import { describe, expect, it } from 'vitest';
import { stepsAndChecks } from '../../../src/app/plan.js';
import { use } from '../../../src/core/checks/check.js';
import { BugError } from '../../../src/core/errors.js';
import { hostFiles } from '../../../src/io/host-files.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { Stack, StackInput } from '../../../src/core/stack.js';
import { stepKinds } from '../../../src/core/steps/kind.js';
import { hostPrograms } from '../../../src/core/steps/programs.js';
import { composeV2, debianPackageOf, dockerEngine, hostTool, hostTools } from '../../../src/kit/checks/index.js';
import { blockDeviceGuard, blockDeviceGuardKind, crypttabEntry, crypttabEntryKind, exec } from '../../../src/kit/steps/index.js';
import { stickypi } from '../../../src/stacks/stickypi/index.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { fakeMachine } from '../../helpers/app.js';

const stickyInput: StackInput = {
  answers: { domain: 'sticky.example.org', admin_email: 'admin@example.org', volume_root: '/srv/spi', 's3.mode': 'remote', 's3.host': 's3.example.org', devices: 10, retention_weeks: 52, 'first_user.create': false },
  secrets: Object.fromEntries(stickypi.questions.filter((q) => q.kind === 'secret').map((q) => [q.id, new Secret(q.id, 'x'.repeat(40))])),
  previous: {},
  dir: '/srv/spi/server',
};
const stickyKinds = stepKinds(stickypi.stepKinds);

/** A machine where only these programs are on PATH. */
const machineWith = (...found: string[]) => ({ ...fakeMachine(), which: async (p: string) => (found.includes(p) ? `/usr/bin/${p}` : undefined) });

describe('the host programs a plan needs', () => {
  it('come from the steps\' command lines, with the steps that start each', () => {
    expect(hostPrograms(stickypi.steps(stickyInput), stickyKinds)).toEqual([
      { program: 'docker', steps: ['pull', 'dummy-certificate', 'nginx-up', 'certificate', 'nginx-reload', 'up'] },
      { program: 'openssl', steps: ['tls-params'] },
      { program: 'rm', steps: ['drop-dummy-certificate'] },
    ]);
  });

  it('each get a tool check, except docker, which the engine and Compose checks already look for', () => {
    const names = stepsAndChecks(stickypi, stickyKinds, stickyInput, stickyInput.dir, hostFiles()).checks.map((c) => c.name);
    expect(names.slice(0, 5)).toEqual(['install-folder', 'docker', 'compose', 'tool-openssl', 'tool-rm']);
    expect(names).not.toContain('tool-docker');
  });

  it('include the device tools the data-disk kinds start: wipefs for the guard, cryptsetup for crypttab', () => {
    const steps = [
      { id: 'disk-guard', title: 'Disk checked', run: blockDeviceGuard({ device: '/dev/vdb', force: false }) },
      { id: 'crypttab', title: 'crypttab entry', run: crypttabEntry({ file: '/etc/crypttab', name: 'data', device: '/dev/vdb', options: 'luks' }), skipIf: crypttabEntry({ file: '/etc/crypttab', name: 'data', device: '/dev/vdb', options: 'luks' }) },
    ];
    expect(hostPrograms(steps, stepKinds([blockDeviceGuardKind, crypttabEntryKind]))).toEqual([{ program: 'wipefs', steps: ['disk-guard'] }, { program: 'cryptsetup', steps: ['crypttab'] }]);
    expect(['wipefs', 'lsblk', 'losetup', 'mkfs.ext4'].map(debianPackageOf)).toEqual(['util-linux', 'util-linux', 'mount', 'e2fsprogs']);
  });

  it('fail with the step that needs the program and the package to install', async () => {
    const picked = [use(dockerEngine, {}), use(composeV2, {})];
    const uses = hostTools([{ program: 'openssl', steps: ['tls-params'] }, { program: 'rm', steps: ['a', 'b'] }, { program: 'docker', steps: ['pull'] }], picked);
    expect(uses.map((u) => [u.name, u.title])).toEqual([['tool-openssl', 'Host tool'], ['tool-rm', 'Host tool']]);
    const m = machineWith('rm');
    expect(await uses[0]!.run(m, { rerun: false })).toEqual({ status: 'fail', detail: 'openssl is not installed (not found on PATH); the tls-params step runs it', fix: 'Install it: `sudo apt-get install openssl`.' });
    expect(await uses[1]!.run(m, { rerun: false })).toEqual({ status: 'pass', detail: 'rm is /usr/bin/rm' });
    const rm = hostTools([{ program: 'rm', steps: ['a', 'b'] }], [])[0]!;
    expect(await rm.run(machineWith(), { rerun: false })).toMatchObject({ detail: 'rm is not installed (not found on PATH); the a and b steps run it', fix: 'Install it: `sudo apt-get install coreutils`.' });
  });

  it('name a program outside the package table by itself, with a way to find its package', async () => {
    expect([debianPackageOf('mysqldump'), debianPackageOf('/usr/bin/openssl'), debianPackageOf('frobnicate')]).toEqual(['mariadb-client', 'openssl', undefined]);
    const [tool] = hostTools([{ program: '/opt/tools/bin/frobnicate', steps: ['backup'] }], []);
    expect(tool!.name).toBe('tool-frobnicate');
    expect(await tool!.run(machineWith(), { rerun: false })).toEqual({
      status: 'fail',
      detail: '/opt/tools/bin/frobnicate is not installed (not found on PATH); the backup step runs it',
      fix: 'Install it: `sudo apt-get install frobnicate` (if no package has that name, `apt-file search --regexp \'bin/frobnicate$\'` names the one that provides it).',
    });
  });

  it('are not asked twice when the stack picked a tool check itself', () => {
    expect(hostTools([{ program: 'sh', steps: ['start'] }], [use(hostTool, { program: 'sh', why: 'the start step runs it' }, { name: 'tool-sh' })])).toEqual([]);
  });

  it('stop the plan as a bug in the stack when one is left unchecked', () => {
    const input: StackInput = { answers: { data_root: '/srv/beacon', 'site.name': 'north-ridge', sensors: 8 }, secrets: { 'secrets.token': new Secret('secrets.token', 't'.repeat(24)) }, previous: {}, dir: '/srv/beacon/server' };
    const leaky: Stack = { ...beacon, steps: (i) => [...beacon.steps(i), { id: 'sync', title: 'Readings copied', run: exec(['rsync', '-a', '/srv/beacon/', '/mnt/copy/']) }] };
    expect(() => stepsAndChecks(leaky, stepKinds(leaky.stepKinds), input, input.dir, hostFiles())).toThrow(BugError);
    expect(() => stepsAndChecks(leaky, stepKinds(leaky.stepKinds), input, input.dir, hostFiles())).toThrow('beacon runs rsync (sync) on this machine, but no preflight check makes sure it is installed');
    // Beacon itself checks its one program (sh) with a tool check of its own.
    expect(stepsAndChecks(beacon, stepKinds(beacon.stepKinds), input, input.dir, hostFiles()).checks.map((c) => c.name)).toEqual(['tool-sh', 'disk', 'clock', 'privileges']);
  });
});
