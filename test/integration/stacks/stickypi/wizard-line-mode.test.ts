import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../../../helpers/cli.js';
import { Terminal } from '../../../helpers/tmux.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';

/**
 * The wizard's line mode in a real terminal (tmux): the built program, a real pty with the kernel's own
 * echo and line editing, raw mode for hidden input, SIGINT from Ctrl-C. What the program wrote is read as
 * raw bytes from the pane (pipe-pane), not from the screen, which would hide the escape sequences.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

/**
 * As from a user's shell (no CI, no FORCE_COLOR), by default in a terminal that could do colour and cursor
 * moves. TERM is set on the command itself: tmux sets its own in the pane.
 */
function lineMode(dir: string, options: { args?: string; term?: string; record?: string; hold?: boolean } = {}): Terminal {
  const command = `env -u CI -u FORCE_COLOR TERM=${options.term ?? 'xterm-256color'} ${process.execPath} ${BIN} setup --stack stickypi --dir ${dir} --skip-bootstrap ${options.args ?? ''}; echo EXIT=$?; sleep 30`;
  return new Terminal(command, { env: { LANG: 'C.UTF-8' }, cols: 100, rows: 40, ...(options.record ? { record: options.record, hold: options.hold ?? false } : {}) });
}

async function answer(t: Terminal, prompt: string, text: string) {
  await t.waitFor(prompt);
  if (text !== '') t.type(text);
  t.keys('Enter');
}

// eslint-disable-next-line no-control-regex
const ESC = /\x1b/;
// What moves the cursor or erases, spelled out for the failure message: CSI A-H, J, K (and the rest of
// CSI, colours included), ESC 7 / ESC 8 (save, restore), a bare CR (back to the line's start), backspace.
// eslint-disable-next-line no-control-regex
const MOVES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[78]|\r(?!\n)|\x08/g;

describe('the wizard in line mode, in a real terminal', () => {
  it('writes no cursor movement, erase sequence or colour from the first line to the summary (--plain in a colour terminal)', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    const record = join(work, 'pane.bytes');
    terminal = lineMode(dir, { args: '--plain', record });
    const t = terminal;
    await answer(t, 'Domain name of the server? >', 'Not A Domain');
    await answer(t, '[!] This answer contains white space or a line break; a host name has none', 'traps.example.org');
    await answer(t, 'E-mail address', 'lab@example.org');
    await answer(t, "Folder for the server's data", join(work, 'data'));
    await answer(t, 'How many Sticky Pi devices', '');
    await answer(t, 'How many weeks of images', 'Y');
    await t.waitFor('[!] "Y" is not a whole number: type one from 1 to 5200, in digits');
    t.keys('Enter');
    await answer(t, 'Where should images be stored?', '1');
    await answer(t, 'Host name of the S3 endpoint?', 's3.example-provider.com');
    await answer(t, 'Name of the S3 bucket', '');
    // A provider's key cannot be generated: typed without echo, then again to confirm.
    await answer(t, 'S3 access key? (hidden) >', 'AKIATYPEDINLINEMODE1');
    await answer(t, 'Type it again to confirm', 'AKIATYPEDINLINEMODE1');
    await answer(t, 'S3 secret (private) key? (hidden) >', 'typed-private-key-line-mode');
    await answer(t, 'Type it again to confirm', 'typed-private-key-line-mode');
    await t.waitFor('[ok] Both entries match; the value stays hidden.');
    for (const q of ["Key that signs the API's login tokens?", 'Password of the database user?', 'Password of the API\'s "admin" user?', 'Password of the internal "spi_uid" bot user?']) await answer(t, q, '');
    await answer(t, 'Create a first API user', 'N');
    await answer(t, 'What next?', '');
    await answer(t, 'Apply?', 'yes');
    await t.waitFor('EXIT=0');

    const bytes = await t.recorded('EXIT=0');
    expect(bytes).toContain('Line mode: type each answer, then press Enter.');
    expect(bytes.match(MOVES) ?? []).toEqual([]);
    expect(bytes).not.toMatch(ESC); // no colour either: not one escape sequence of any kind
    for (const secret of ['AKIATYPEDINLINEMODE1', 'typed-private-key-line-mode']) expect(bytes).not.toContain(secret);
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toContain("S3_PRIVATE_KEY='typed-private-key-line-mode'");
    // The summary: where the credentials are (the file and keys, never a value), what was skipped, what next.
    const summary = bytes.slice(bytes.indexOf('Done: the files are written')).replace(/\r\n/g, '\n');
    expect(summary).toContain(`  - Credentials: ${dir}/.secret.env (S3_ACCESS_KEY, S3_PRIVATE_KEY, SECRET_API_KEY, MYSQL_PASSWORD, API_ADMIN_PASSWORD, UID_PASSWORD)\n  - The secret values are only in those files: never shown here, nor logged.\n`);
    expect(summary).toContain('Skipped:\n  - The bootstrap (files only, as asked): no step ran, nothing was started.\n');
    expect(summary).toContain(`  - Create a first API user (for a device or a colleague) once the server is up? No (first_user.create). To do it later, run \`fieldstation setup --dir ${dir}\` again and answer yes.\n`);
    expect(summary).toContain(`To run the bootstrap (the files stay as they are):\n  fieldstation apply --answers ${dir}/.fieldstation/answers.yaml --dir ${dir}\n`);
  });

  it('takes three answers typed ahead in one go as the answers to three questions (TERM=dumb chooses line mode); Ctrl-C then quits', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    const record = join(work, 'pane.bytes');
    terminal = lineMode(dir, { term: 'dumb', record, hold: true });
    const t = terminal;
    // Typed at once, before the wizard starts: the terminal holds the lines, none is lost.
    t.type('traps.example.org');
    t.keys('Enter');
    t.type('lab@example.org');
    t.keys('Enter');
    t.type(join(work, 'data'));
    t.keys('Enter');
    await t.recorded(`${join(work, 'data')}\r\n`); // the terminal's own echo: all three are in it
    t.start();
    // Each answer is put after its own prompt (the terminal echoed it earlier, where it was typed).
    const bytes = (await t.recorded('(1-100000) [10] > ')).replace(/\r\n/g, '\n');
    expect(bytes).toContain('[1/15] Server: Domain name of the server? > traps.example.org\n');
    expect(bytes).toContain("[2/15] Server: E-mail address of the server's administrator? > lab@example.org\n");
    expect(bytes).toContain(`[3/15] Server: Folder for the server's data (database, certificates)? [/opt/sticky-pi-server] > ${join(work, 'data')}\n`);
    expect(bytes).toMatch(/\[4\/15\] Capacity: How many Sticky Pi devices will upload to this server\? \(1-100000\) \[10\] > $/);
    expect(bytes).not.toContain('[!]');
    t.keys('C-c'); // in cooked mode the terminal sends SIGINT
    const end = await t.waitFor('EXIT=');
    expect(end).toContain('Cancelled: nothing was written.');
    expect(end).toContain('EXIT=130');
    // Nothing of the server's was written; the three answers are kept as a draft for the next start.
    expect(end).toContain('draft');
    expect(readdirSync(dir).sort()).toEqual(['.fieldstation', ...UPSTREAM_ENTRIES].sort());
    expect(readdirSync(join(dir, '.fieldstation'))).toContain('draft.yaml');
  });
});
