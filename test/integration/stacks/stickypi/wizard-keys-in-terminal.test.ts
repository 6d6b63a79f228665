import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../../../helpers/cli.js';
import { Terminal } from '../../../helpers/tmux.js';
import { writeUpstreamServer } from './upstream.js';

/**
 * Keys and display in a real terminal (tmux, 60 columns), the built program: keys typed ahead over a slow
 * link reach it in one read (tmux writes one send-keys to the pty at once), pastes come bracketed when the
 * program asks for it, and the terminal's own cursor and size are what the program sees. After the
 * wizard, `cat -v` shows what the terminal sends to the next program (a paste still bracketed would show
 * as ^[[200~).
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const ESC = '\u001B';
const LEFT = `${ESC}[D`;

function wizard(options: { env?: Record<string, string>; cols?: number; before?: string } = {}): Terminal {
  const dir = writeUpstreamServer(join(tempDir(), 'server'));
  const run = `env -u CI -u FORCE_COLOR ${process.execPath} ${BIN} setup --stack stickypi --dir ${dir} --skip-bootstrap`;
  return new Terminal(`${options.before ?? ''}${run}; echo EXIT=$?; cat -v`, { env: { LANG: 'C.UTF-8', TERM: 'xterm-256color', ...options.env }, cols: options.cols ?? 60, rows: 24 });
}

/** Waits until the terminal's cursor is shown (Ink places it once it has laid out the field). */
async function shownCursor(t: Terminal): Promise<{ x: number; y: number; visible: boolean }> {
  for (let i = 0; i < 40 && !t.cursor().visible; i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  return t.cursor();
}

/** The row of the screen that starts with `start`. */
const row = (screen: string, start: string) => screen.split('\n').find((l) => l.startsWith(start));

describe('keys in a real terminal', () => {
  it('applies every key of a burst in order: text, Backspace, Delete, arrows, Home/End, Ctrl-U, Ctrl-W, Enter and Ctrl-J', async () => {
    terminal = wizard();
    const t = terminal;
    await t.waitFor('Domain name of the server?');
    // Ctrl-W twice empties "wrong words"; two Backspaces fix the typo; Left then Delete drops the second g;
    // Home, End; Ctrl-J (a line feed) is Enter.
    t.burst(`wrong words\u0017\u0017traps.exampel\u007f\u007fle.orgg${LEFT}${ESC}[3~${ESC}[H${ESC}[F\n`);
    await t.waitFor('E-mail address');
    t.burst('lab@example.org\r');
    // The field holds a default: Ctrl-U clears it before the path (it used to be appended to it).
    await t.waitFor("Folder for the server's data");
    t.burst('\u0015/tmp/fieldstation-x\r');
    await t.waitFor('How many Sticky Pi devices');
    for (const [question, answer] of [["Folder for the server's data", '› /tmp/fieldstation-x'], ['E-mail address', '› lab@example.org'], ['Domain name of the server?', '› traps.example.org']]) {
      t.keys('Escape');
      const screen = await t.waitFor(question!);
      expect(row(screen, '›'), question).toBe(answer);
    }
  });

  it('types a bracketed paste into the field without submitting it; bracketed paste is off once the wizard ends', async () => {
    terminal = wizard();
    const t = terminal;
    await t.waitFor('Domain name of the server?');
    t.paste('  traps.example.org\n');
    await t.waitFor('› traps.example.org');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.screen()).toContain('Domain name of the server?');
    t.keys('Enter');
    await t.waitFor('E-mail address');
    t.keys('C-c');
    await t.waitFor('Quit?');
    t.type('y');
    await t.waitFor('EXIT=130');
    t.paste('after the wizard\n');
    const screen = await t.waitFor('after the wizard');
    expect(screen).not.toContain('^[[200~');
  });

  it('shows the terminal\'s cursor where the next character goes, without colour (NO_COLOR)', async () => {
    terminal = wizard({ env: { NO_COLOR: '1' } });
    const t = terminal;
    const screen = await t.waitFor('Domain name of the server?');
    const fieldRow = screen.split('\n').findIndex((l) => l.startsWith('›'));
    expect(await shownCursor(t)).toEqual({ x: 2, y: fieldRow, visible: true });
    t.type('traps.example.org');
    await t.waitFor('› traps.example.org');
    t.keys('Left', 'Left', 'Left');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.cursor()).toEqual({ x: 2 + 'traps.example.org'.length - 3, y: fieldRow, visible: true });
    // Past the row's end the text wraps, and the cursor with it.
    t.keys('End');
    t.type('x'.repeat(60));
    await t.waitFor('xxxxxxxx\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.cursor()).toMatchObject({ y: fieldRow + 1, visible: true });
    expect(t.cursor().x).toBe(2 + 'traps.example.org'.length + 60 - 58);
  });

  it('draws a terminal that says it has 0 columns as 80 wide, not one character per line', async () => {
    terminal = wizard({ before: 'stty cols 0 rows 0; ', cols: 100 });
    const screen = await terminal.waitFor('Domain name of the server?');
    expect(screen).toContain('Enter accept · Esc back · ? help · Ctrl-U clear · Ctrl-C quit');
  });
});

describe('the review in a real terminal at 60 columns', () => {
  it('names answers by their labels, shows a long value in full while highlighted, and the keys with Tab', async () => {
    terminal = wizard();
    const t = terminal;
    const folder = `/srv/${'very-long-folder-name-'.repeat(3)}sticky-pi`;
    await t.waitFor('Domain name of the server?');
    t.burst('traps.example.org\r');
    await t.waitFor('E-mail address');
    t.burst('lab@example.org\r');
    await t.waitFor("Folder for the server's data");
    t.burst(`\u0015${folder}\r`);
    for (const q of ['How many Sticky Pi devices', 'How many weeks of images', 'Where should images be stored?']) {
      await t.waitFor(q);
      t.keys('Enter');
    }
    await t.waitFor('Host name of the S3 endpoint?');
    t.burst('s3.example-provider.com\r');
    await t.waitFor('Name of the S3 bucket');
    t.keys('Enter');
    await t.waitFor('S3 access key?');
    t.burst('AKIATYPEDINTERMINAL1\rAKIATYPEDINTERMINAL1\r'); // and again to confirm, in the same burst
    await t.waitFor('S3 secret (private) key?');
    t.burst('typed-private-key-in-terminal\rtyped-private-key-in-terminal\r');
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      t.keys('Enter');
    }
    let screen = await t.waitFor('Review: Enter on an answer changes it.');
    expect(screen).toMatch(/\n {2}Domain {2,}traps\.example\.org\n/u);
    expect(row(screen, '  Data folder')).toMatch(/…$/u);
    t.type('da');
    screen = await t.waitFor('› Data folder');
    const lines = screen.split('\n');
    const at = lines.findIndex((l) => l.startsWith('› Data folder'));
    expect(lines.slice(at, at + 3).map((l) => l.trim()).join('').replace(/^› Data folder\s+/u, '')).toBe(folder);
    t.keys('Tab');
    screen = await t.waitFor('› volume_root');
    expect(screen).toContain('  s3.host ');
  });
});
