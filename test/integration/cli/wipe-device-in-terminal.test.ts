import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultImage } from '../../fixtures/stacks/beacon/vault.js';
import { TOOLS_ENV } from '../../helpers/block-devices.js';
import { FIXTURES, ROOT, tempDir } from '../../helpers/cli.js';
import { Terminal } from '../../helpers/tmux.js';

/**
 * The typed confirmation in a real terminal (tmux): the device's identity on the screen, the path typed
 * back with echo and line editing as the terminal gives them. The program is the CLI's code with Beacon
 * with a vault as its server (test/fixtures/stacks/beacon/vault-cli.ts), bundled into the test's folder
 * as the build bundles bin's commands: the built CLI knows only the real servers.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

async function bundle(dir: string): Promise<string> {
  const entry = join(FIXTURES, 'stacks', 'beacon', 'vault-cli.ts');
  const outfile = join(dir, 'vault-cli.cjs');
  // CommonJS has no import.meta: Beacon finds its templates beside its own module.
  // The sources compile templates with Handlebars loaded by a computed name, which no bundle holds: it
  // is found in the package's node_modules, linked into the test's folder.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(FIXTURES, 'stacks', 'beacon', 'index.ts')).href) } });
  return outfile;
}

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
    const cli = await bundle(work);
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
