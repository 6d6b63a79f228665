import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultImage } from '../../fixtures/stacks/beacon/vault.js';
import { TOOLS_ENV } from '../../helpers/block-devices.js';
import { ROOT, tempDir } from '../../helpers/cli.js';
import { Terminal } from '../../helpers/tmux.js';
import { bundleVaultCli } from '../../helpers/vault-cli.js';

/**
 * The typed confirmation in a real terminal (tmux): the device's identity on the screen, the path typed
 * back with echo and line editing as the terminal gives them. The program is the CLI's code with Beacon
 * with a vault as its server, bundled into the test's folder (test/helpers/vault-cli.ts).
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

describe('a step that wipes a device, in a real terminal', () => {
  it('shows the device and runs once its path is typed back; a wrong path stops before it', async () => {
    const work = tempDir();
    const dir = join(work, 'server');
    mkdirSync(dir);
    const img = vaultImage(dir);
    writeFileSync(img, '');
    truncateSync(img, 1024 * 1024);
    const answers = join(work, 'beacon.yaml');
    writeFileSync(answers, `version: 1\nstack: beacon\nsite:\n  name: north-ridge\n  domain: beacon.example.org\ndata_root: ${join(work, 'readings')}\n`);
    const cli = await bundleVaultCli(work);
    const run = (args: string) => `cd ${work} && env -u CI 'PATH=${TOOLS_ENV.PATH}' FIELDSTATION_ROOT=${ROOT} ${process.execPath} ${cli} ${args}; echo EXIT=$?; sleep 30`;

    terminal = new Terminal(run(`apply --answers ${answers} --dir ${dir} --yes`), { env: { LANG: 'C.UTF-8' }, cols: 200, rows: 50 });
    const screen = await terminal.waitFor('anything else stops here:', 20);
    expect(screen).toContain(`${img}: 1.0 MiB image file; no partitions; no filesystem signature; not mounted`);
    // A yes is not the device.
    terminal.type('y');
    terminal.keys('Enter');
    expect(await terminal.waitFor('EXIT=')).toContain(`That is not ${img}: step vault-format was not run`);
    expect(terminal.screen()).toContain('EXIT=130');
    expect(readFileSync(img).every((b) => b === 0)).toBe(true);
    terminal.close();

    terminal = new Terminal(run(`resume --dir ${dir}`), { env: { LANG: 'C.UTF-8' }, cols: 200, rows: 50 });
    await terminal.waitFor('anything else stops here:', 20);
    // Typed with a slip, corrected with Backspace: the terminal's line editing counts, not the keys.
    terminal.type(`${img}x`);
    terminal.keys('BSpace', 'Enter');
    const done = await terminal.waitFor('EXIT=');
    expect(done).toContain('OK   vault-format: Vault disk formatted');
    expect(done).toContain('EXIT=0');
    expect(readFileSync(img, 'utf8')).toMatch(/^wiped/);
  });
});
