import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vaultImage } from '../../fixtures/stacks/beacon/vault.js';
import { TOOLS_ENV, requireProgram } from '../../helpers/block-devices.js';
import { until } from '../../helpers/runner.js';
import { ROOT, tempDir } from '../../helpers/cli.js';
import { Terminal } from '../../helpers/tmux.js';
import { bundleVaultCli } from '../../helpers/vault-cli.js';
import { answer, highlight } from '../stacks/stickypi/wizard-keys.js';

/**
 * The wizard's confirmation of a step that wipes a device, in a real terminal (tmux): Beacon with a vault
 * (its "disk" an image file in the install folder, its guard reading it with lsblk and wipefs, its "wipe"
 * a word written into it), the CLI's code bundled with it as the only server (test/helpers/vault-cli.ts),
 * the Ink wizard from the build. The whole wizard is driven, every question to the plan's Apply: the
 * confirmation is reached the way a person reaches it, and on the second start by the start screen's
 * resume. The keys go to the one reader of the terminal the wizard has: nothing else reads them.
 */
for (const program of ['lsblk', 'wipefs']) requireProgram(program);

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const ZEROS = Buffer.alloc(1024 * 1024);

/** Text with every run of white space as one space: for sentences that wrap and rows whose columns are padded. */
const squeeze = (text: string): string => text.replace(/\s+/g, ' ');

async function setUp() {
  const work = tempDir();
  const dir = join(work, 'server');
  mkdirSync(dir);
  const img = vaultImage(dir);
  writeFileSync(img, '');
  truncateSync(img, ZEROS.length);
  const cli = await bundleVaultCli(work);
  /** The wizard in the install folder; the shell says how it ended and keeps the pane open. */
  const wizard = (flags = '') =>
    new Terminal(`cd ${work} && env -u CI -u FORCE_COLOR 'PATH=${TOOLS_ENV.PATH}' FIELDSTATION_ROOT=${ROOT} ${process.execPath} ${cli} setup --dir ${dir} ${flags}; echo EXIT=$?; sleep 30`, {
      env: { LANG: 'C.UTF-8', TERM: 'xterm-256color', FIELDSTATION_TEST_GRACE_MS: '1000' },
      cols: 100,
      rows: 40,
    });
  return { work, dir, img, wizard, wiped: () => !readFileSync(img).equals(ZEROS) };
}

/** Beacon's eight questions in the Ink wizard (readings in the test's folder, secrets generated), then the plan applied. */
async function applyInk(t: Terminal, readings: string): Promise<void> {
  await answer(t, 'Name of the field site?', 'north-ridge');
  await answer(t, 'Domain name of the logger?', 'beacon.example.org');
  await answer(t, 'Folder for the readings?', readings, { clear: true });
  await answer(t, 'How many sensors?');
  await answer(t, 'Where are readings kept?');
  await answer(t, 'Send an alert when a sensor goes quiet?');
  await answer(t, 'Upload token of the sensors?');
  await answer(t, 'Key that encrypts the stored readings?');
  await t.waitFor('Review: Enter on an answer changes it.');
  await highlight(t, 'Continue');
  t.keys('Enter');
  await t.waitFor('Plan · Beacon');
  await highlight(t, 'Apply');
  t.keys('Enter');
}

describe('the wizard confirms a step that wipes a device on its own screen, in a real terminal', () => {
  it('Ink: shows the device\'s identity read then; a wrong path runs nothing, and resume with the path typed back runs it', async () => {
    const t = await setUp();
    terminal = t.wizard('--stack beacon');
    await applyInk(terminal, join(t.work, 'readings'));
    const screen = squeeze(await terminal.waitFor('Type the device path', 30));
    expect(screen).toContain(`Confirm a step · Beacon · ${t.dir}`);
    expect(screen).toContain(`Step vault-format (Vault disk formatted) wipes ${t.img}: everything on it will be erased.`);
    // What lsblk and wipefs found just now: the image file, its size, nothing on it.
    expect(screen).toContain(`Device ${t.img} (an image file) Size 1.0 MiB (1048576 bytes) Partitions none Signatures none found Mounted not mounted`);
    // The guard ran; the wipe waits.
    expect(t.wiped()).toBe(false);

    // A yes is not the device: the run stops before the step, and the summary says how to go on.
    terminal.type('yes');
    await terminal.waitFor('› yes');
    terminal.keys('Enter');
    const stopped = squeeze(await terminal.waitFor('EXIT=', 20));
    expect(stopped).toContain('Stopped: a destructive step was not confirmed');
    expect(stopped).toContain(`Step vault-format (Vault disk formatted) was not run: its device path was not typed back, so the bootstrap stopped before it and nothing on ${t.img} was touched. Resuming asks again.`);
    expect(stopped).toContain(`Continue with: fieldstation resume --dir ${t.dir}`);
    expect(stopped).toContain('EXIT=130');
    expect(t.wiped()).toBe(false);
    terminal.close();

    // The next start offers to resume (the default); the finished steps are not run again.
    terminal = t.wizard();
    await terminal.waitFor('Resume the unfinished bootstrap');
    terminal.keys('Enter');
    await terminal.waitFor('Type the device path', 30);
    // Typed with a slip, corrected with Backspace: the field's own editing counts, not the keys.
    terminal.type(`${t.img}x`);
    await terminal.waitFor(`${t.img}x`);
    terminal.keys('BSpace', 'Enter');
    const done = squeeze(await terminal.waitFor('EXIT=', 20));
    expect(done).toContain('Done: the Beacon bootstrap finished');
    expect(done).toContain('EXIT=0');
    expect(readFileSync(t.img, 'utf8')).toMatch(/^wiped/);
  });

  it('a terminal that hangs up while the question is open is a no: the run ends as interrupted, the device untouched', async () => {
    const t = await setUp();
    terminal = t.wizard('--stack beacon');
    await applyInk(terminal, join(t.work, 'readings'));
    await terminal.waitFor('Type the device path', 30);
    terminal.type(t.img);
    await terminal.waitFor(`› ${t.img}`);
    // Gone before Enter: SIGHUP, and the end of the input.
    terminal.close();
    const journal = join(t.dir, '.fieldstation', 'journal.json');
    await until(() => (JSON.parse(readFileSync(journal, 'utf8')) as { status: string }).status !== 'running', 'the run to end');
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toMatchObject({ status: 'interrupted', steps: { 'vault-guard': { status: 'done' } } });
    expect(JSON.parse(readFileSync(journal, 'utf8')).steps['vault-format']).toBeUndefined();
    await until(() => !existsSync(join(t.dir, '.fieldstation', 'lock')), 'the lock to be released');
    expect(t.wiped()).toBe(false);
  });

  it('line mode: Ctrl-C at the device prompt is no; resume with the path typed back runs it', async () => {
    const t = await setUp();
    terminal = t.wizard('--stack beacon --plain');
    const line = async (prompt: string, text = '') => {
      await terminal!.waitFor(prompt);
      if (text !== '') terminal!.type(text);
      terminal!.keys('Enter');
    };
    await line('Name of the field site? >', 'north-ridge');
    await line('Domain name of the logger? >', 'beacon.example.org');
    await line('Folder for the readings? [/srv/beacon] >', join(t.work, 'readings'));
    await line('How many sensors?');
    await line('Type 1-2 [1] >');
    await line('Send an alert when a sensor goes quiet?');
    await line('Upload token of the sensors?');
    await line('Key that encrypts the stored readings?');
    await line('What next?');
    await line('Apply?', 'yes');
    await terminal.waitFor('Device path >', 30);
    // Line mode leaves the wrapping to the terminal: its lines are read back joined.
    const asked = squeeze(terminal.screen({ history: true }));
    expect(asked).toContain(`Step vault-format (Vault disk formatted) wipes ${t.img}: everything on it will be erased.`);
    expect(asked).toContain(`Device ${t.img} (an image file) Size 1.0 MiB (1048576 bytes) Partitions none Signatures none found Mounted not mounted`);
    // In line mode the terminal is in cooked mode at a prompt: Ctrl-C is SIGINT, which the session takes as no.
    terminal.keys('C-c');
    await terminal.waitFor('EXIT=', 20);
    const stopped = squeeze(terminal.screen({ history: true }));
    expect(stopped).toContain(`Step vault-format (Vault disk formatted) was not run: its device path was not typed back`);
    expect(stopped).toContain('EXIT=130');
    expect(t.wiped()).toBe(false);
    terminal.close();

    terminal = t.wizard('--plain');
    await line('What do you want to do?');
    await terminal.waitFor('Device path >', 30);
    terminal.type(t.img);
    terminal.keys('Enter');
    await terminal.waitFor('EXIT=', 20);
    const done = squeeze(terminal.screen({ history: true }));
    expect(done).toContain('Running step vault-format.');
    expect(done).toContain('EXIT=0');
    expect(readFileSync(t.img, 'utf8')).toMatch(/^wiped/);
  });
});
