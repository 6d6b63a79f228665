import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../helpers/cli.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';
import type { Terminal } from '../../../helpers/tmux.js';
import { ACCESS_KEY, answer, highlight, PRIVATE_KEY, toAccessKey, typeSecret, wizard as startWizard } from './wizard-keys.js';

/**
 * The wizard in a real terminal (tmux, 80x24), answered key by key as a person would: the built program
 * (bin, bundles), real files. Text is typed, then Enter is sent once the text shows: keys typed faster than
 * a screen renders would reach the screen before it.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

/** The wizard writing the files only (no bootstrap), as from a user's shell (see wizard-keys.ts). */
const wizard = (dir: string, env: Record<string, string> = {}, pick = false) => startWizard(dir, { env, flags: ['--skip-bootstrap'], pick });

describe('the wizard in a real terminal', () => {
  it('uses colour, unless NO_COLOR is set', async () => {
    // SGR foreground colours (30-37, 90-97, 38;5;n) as tmux reports them for the screen.
    const colour = new RegExp(`${String.fromCharCode(27)}\\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]`);
    for (const [env, coloured] of [[{}, true], [{ NO_COLOR: '1' }, false]] as const) {
      terminal = wizard(join(tempDir(), 'server'), env);
      await terminal.waitFor('Domain name of the server?');
      expect(colour.test(terminal.screen({ escapes: true })), JSON.stringify(env)).toBe(coloured);
      terminal.close();
      terminal = undefined;
    }
  });

  it('installs Sticky Pi in upstream\'s server/ folder, key by key through review and plan; the saved answers replay identically', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    const data = join(work, 'data');
    // As a new user starts it: no --stack, so the wizard first asks which server.
    terminal = wizard(dir, {}, true);
    const t = terminal;
    await t.waitFor(`Which server do you want to set up in ${dir}?`);
    expect(t.screen()).toContain('e-mission');
    await highlight(t, 'Sticky Pi');
    t.keys('Enter');
    await toAccessKey(t, data);
    // Provider keys cannot be generated: typed into a masked field, twice (a typo no one can see).
    await typeSecret(t, 'S3 access key?', ACCESS_KEY);
    await typeSecret(t, 'S3 secret (private) key?', PRIVATE_KEY);
    for (const q of ["Key that signs the API's login tokens?", 'Password of the database user?', 'Password of the API\'s "admin" user?', 'Password of the internal "spi_uid" bot user?']) {
      await t.waitFor(q);
      expect(t.screen()).toContain('› Generate one for me');
      t.keys('Enter');
    }
    await answer(t, 'Create a first API user');

    const review = await t.waitFor('Review: Enter on an answer changes it.');
    expect(review).toContain('traps.example.org');
    expect(review).not.toContain(PRIVATE_KEY);
    await highlight(t, 'Continue');
    t.keys('Enter');
    const plan = await t.waitFor('Plan · Sticky Pi');
    expect(plan).toMatch(/\+ new +\.secret\.env/);
    await highlight(t, 'Apply');
    t.keys('Enter');
    const end = await t.waitFor('EXIT=');
    expect(end).toContain('EXIT=0');
    expect(end).toContain('.fieldstation/answers.yaml');

    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain("ROOT_DOMAIN_NAME='traps.example.org'");
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toContain(`S3_PRIVATE_KEY='${PRIVATE_KEY}'`);
    expect(statSync(join(dir, '.secret.env')).mode & 0o777).toBe(0o600);
    const saved = join(dir, '.fieldstation', 'answers.yaml');
    expect(readFileSync(saved, 'utf8')).not.toContain(PRIVATE_KEY);

    const before = ['.env', '.prod.env', '.secret.env'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const replay = runCli(['apply', '--answers', saved, '--dir', dir, '--yes', '--skip-bootstrap']);
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/Wrote 0 file\(s\)/);
    expect(['.env', '.prod.env', '.secret.env'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
  });

  it('shows a wrong answer under the field, takes the correction, goes back with Esc, and quits on request writing nothing but a draft', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = wizard(dir);
    const t = terminal;
    await answer(t, 'Domain name of the server?', 'Not A Domain');
    await t.waitFor('This answer contains white space');
    await answer(t, 'Domain name of the server?', 'traps.example.org', { clear: true });
    await t.waitFor('E-mail address');
    t.type('lab@example.org');
    await t.waitFor('lab@example.org');
    t.keys('Escape');
    // Back on the first question with its answer kept; Enter takes it again.
    const back = await t.waitFor('Server · 1/');
    expect(back).toContain('traps.example.org');
    t.keys('Enter');
    await t.waitFor('E-mail address');
    t.keys('C-c');
    const asked = await t.waitFor('(y/N)');
    expect(asked.replace(/\s*\n\s*/g, ' ')).toContain('Quit? Nothing has been written; your answers so far are kept as a draft. (y/N)');
    t.type('y');
    const end = await t.waitFor('EXIT=');
    expect(end).toContain('EXIT=130');
    // None of the server's files: only fieldstation's own folder, with the draft of the one answer given.
    expect(readdirSync(dir).sort()).toEqual(['.fieldstation', ...UPSTREAM_ENTRIES].sort());
    expect(readdirSync(join(dir, '.fieldstation'))).toEqual(['draft.yaml']);
  });
});
