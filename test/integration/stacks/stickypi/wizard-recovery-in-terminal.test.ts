import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../helpers/cli.js';
import type { Terminal } from '../../../helpers/tmux.js';
import { UPSTREAM_ENTRIES, writeUpstreamServer } from './upstream.js';
import { ACCESS_KEY, PRIVATE_KEY, answer, applyFromReview, flat, fromPrivateKeyToReview, highlight, toAccessKey, toReview, typeSecret, wizard } from './wizard-keys.js';

/**
 * Issue 9 in a real terminal: a failed machine check keeps every answer and offers to write the files
 * only; a dropped SSH session during the questions leaves a draft that the next start offers; reconfigure
 * asks nothing that did not change; Ctrl-C during the bootstrap asks before stopping it.
 */
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

/** Waits (polling, never for a fixed time) until `path` exists. */
async function until(path: string, seconds = 15): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} never appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const secretFile = (dir: string, name: string) => join(dir, '.fieldstation', name);

describe('the wizard in a real terminal, when things go wrong', () => {
  it('shows a failed machine check with its fix, keeps every answer through check again and back, and writes the files only on request', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    // The Docker engine is "not running" (the stand-in says so): the docker check fails for a reason the test controls.
    const record = join(work, 'docker-calls.jsonl');
    const engineAsked = () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter((l) => (JSON.parse(l) as { argv: string[] }).argv[0] === 'info').length : 0);
    terminal = wizard(dir, { env: { FIELDSTATION_DOCKER_NO_ENGINE: '1', FIELDSTATION_DOCKER_RECORD: record } });
    const t = terminal;
    await toReview(t, join(work, 'data'));
    await applyFromReview(t);
    let screen = await t.waitFor('The machine is not ready');
    expect(screen).toMatch(/✗ FAIL {2}docker +the Docker engine is not running/);
    expect(flat(screen)).toContain('fix: Start it, and at every boot: `sudo systemctl enable --now docker`');
    expect(flat(screen)).toContain('if skipped: every step that runs docker fails');
    expect(screen).toContain('› Check again');
    expect(screen).toContain('Write the files only; run the bootstrap later');
    expect(readdirSync(dir).sort()).toEqual(UPSTREAM_ENTRIES);

    // Check again: the engine is asked anew (still not running).
    const asked = engineAsked();
    expect(asked).toBeGreaterThan(0);
    t.keys('Enter');
    for (let i = 0; i < 300 && engineAsked() === asked; i++) await new Promise((r) => setTimeout(r, 50));
    expect(engineAsked()).toBeGreaterThan(asked);
    await t.waitFor('The machine is not ready');
    // Back to the review: the answers, the typed keys (masked), are all there. (Arrows until it is
    // highlighted: keys that reach the checking screen in between are not taken.)
    await highlight(t, 'Back to the review');
    t.keys('Enter');
    screen = await t.waitFor('Review: Enter on an answer changes it.');
    expect(screen).toContain('traps.example.org');
    expect(screen).toMatch(/S3 access key +••••••••/);
    await applyFromReview(t);
    await t.waitFor('The machine is not ready');
    await highlight(t, 'Write the files only');
    t.keys('Enter');
    await t.waitFor('EXIT=');
    screen = t.screen({ history: true });
    expect(screen).toContain('EXIT=0');
    expect(screen).toContain('Files written (the bootstrap was not run)');
    expect(flat(screen)).toContain("The machine's checks failed, so the bootstrap was not run: the files are written. Fix what the checks found, then run the bootstrap with:");
    // Ink breaks the long command where the terminal is full: its words, in order.
    const saved = join(dir, '.fieldstation', 'answers.yaml');
    expect(flat(screen)).toContain(`fieldstation apply --answers ${saved} --dir ${dir}`);

    // The answers file the summary names holds the typed keys only as 0600 files, and replays.
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toContain(`S3_ACCESS_KEY='${ACCESS_KEY}'`);
    const text = readFileSync(saved, 'utf8');
    expect(text).not.toContain(ACCESS_KEY);
    expect(parse(text)).toMatchObject({ s3: { access_key: { file: 'secrets/s3.access_key' }, private_key: { file: 'secrets/s3.private_key' } } });
    for (const id of ['s3.access_key', 's3.private_key']) expect(statSync(secretFile(dir, `secrets/${id}`)).mode & 0o777).toBe(0o600);
    const replay = runCli(['apply', '--answers', saved, '--dir', dir, '--yes', '--skip-bootstrap']);
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/Wrote 0 file\(s\)/);
  });

  it('leaves a draft when the SSH session drops during the questions; the next start offers it and goes on from there', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = wizard(dir, { flags: ['--skip-bootstrap'] });
    await toAccessKey(terminal, join(work, 'data'));
    await typeSecret(terminal, 'S3 access key?', ACCESS_KEY);
    await terminal.waitFor('S3 secret (private) key?');
    // The connection drops: tmux hangs up the terminal under the wizard.
    terminal.close();
    terminal = undefined;
    const draft = secretFile(dir, 'draft.yaml');
    await until(draft);
    await until(secretFile(dir, 'draft-secrets/s3.access_key'));
    const text = readFileSync(draft, 'utf8');
    expect(text).not.toContain(ACCESS_KEY);
    expect(parse(text)).toMatchObject({ stack: 'stickypi', domain: 'traps.example.org', s3: { host: 's3.example-provider.com', access_key: { file: 'draft-secrets/s3.access_key' } } });
    expect(statSync(draft).mode & 0o777).toBe(0o600);
    expect(statSync(secretFile(dir, 'draft-secrets/s3.access_key')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['.fieldstation', ...UPSTREAM_ENTRIES].sort());

    terminal = wizard(dir, { flags: ['--skip-bootstrap'] });
    const t = terminal;
    const start = await t.waitFor('Continue where you left off');
    expect(flat(start)).toContain('Answers you left unfinished are saved here');
    expect(start).toContain('› Continue where you left off');
    t.keys('Enter');
    // On at the question that was on screen, the typed key kept; nothing before it asked again.
    await t.waitForWithout('S3 secret (private) key?', ['Domain name of the server?', 'S3 access key?']);
    const review = await fromPrivateKeyToReview(t);
    expect(review).toContain('traps.example.org');
    await applyFromReview(t);
    expect(await t.waitFor('EXIT=')).toContain('EXIT=0');
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toContain(`S3_ACCESS_KEY='${ACCESS_KEY}'`);
    expect(existsSync(draft)).toBe(false);
    expect(existsSync(secretFile(dir, 'draft-secrets'))).toBe(false);
  });

  it('keeps a draft on SIGHUP in the plain wizard too, and says where', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = wizard(dir, { flags: ['--plain'] });
    const t = terminal;
    await answer(t, 'Domain name of the server?', 'plain.example.org');
    await t.waitFor('E-mail address');
    // The wizard is the shell's child: the pane's own process hangs up as sshd would make it.
    const node = Number(execFileSync('pgrep', ['-P', String(t.panePid()), '-f', 'fieldstation.js'], { encoding: 'utf8' }).trim());
    process.kill(node, 'SIGHUP');
    await t.waitFor('EXIT=');
    // Plain lines, wrapped by the terminal only: joined back as they were printed.
    const screen = t.screen({ history: true });
    expect(screen).toContain('EXIT=130');
    expect(screen).toContain(`Your answers so far are saved in ${secretFile(dir, 'draft.yaml')} (mode 0600). No secret value is in it`);
    expect(parse(readFileSync(secretFile(dir, 'draft.yaml'), 'utf8'))).toMatchObject({ domain: 'plain.example.org' });
  });

  it('keeps a draft in the plain wizard when its terminal goes away under a prompt (readline cannot reset it)', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = wizard(dir, { flags: ['--plain'] });
    await answer(terminal, 'Domain name of the server?', 'gone.example.org');
    await terminal.waitFor('E-mail address');
    terminal.close();
    terminal = undefined;
    await until(secretFile(dir, 'draft.yaml'));
    expect(parse(readFileSync(secretFile(dir, 'draft.yaml'), 'utf8'))).toMatchObject({ domain: 'gone.example.org' });
  });

  it('reconfigures from the review: only the changed answer is asked, secrets are kept and never shown', async () => {
    const work = tempDir();
    const dir = writeUpstreamServer(join(work, 'server'));
    terminal = wizard(dir, { flags: ['--skip-bootstrap'] });
    await toReview(terminal, join(work, 'data'));
    await applyFromReview(terminal);
    expect(await terminal.waitFor('EXIT=')).toContain('EXIT=0');
    terminal.close();
    const secretEnv = readFileSync(join(dir, '.secret.env'), 'utf8');

    terminal = wizard(dir, { flags: ['--skip-bootstrap'] });
    const t = terminal;
    await t.waitFor('Sticky Pi is installed in');
    await highlight(t, 'Reconfigure', 'Up');
    t.keys('Enter');
    let screen = await t.waitFor('Review: Enter on an answer changes it.');
    for (const label of ['S3 access key', 'S3 private key', 'API token key']) expect(screen).toMatch(new RegExp(`${label} +keep current`));
    expect(screen).not.toContain(ACCESS_KEY);
    await highlight(t, 'Domain ', 'Up');
    t.keys('Enter');
    await answer(t, 'Domain name of the server?', 'traps.example.net', { clear: true });
    // Straight back to the review: nothing else is asked.
    screen = await t.waitForWithout('Review: Enter on an answer changes it.', ['E-mail address', 'S3 access key?', 'S3 secret (private) key?', 'Password of the database user?']);
    expect(screen).toContain('traps.example.net');
    await highlight(t, 'Continue');
    t.keys('Enter');
    screen = await t.waitFor('Plan · Sticky Pi');
    expect(screen).toMatch(/~ changed +\.env/);
    expect(screen).toMatch(/= unchanged +\.secret\.env/);
    await highlight(t, 'Apply');
    t.keys('Enter');
    expect(await t.waitFor('EXIT=')).toContain('EXIT=0');
    expect(readFileSync(join(dir, '.env'), 'utf8')).toContain("ROOT_DOMAIN_NAME='traps.example.net'");
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toBe(secretEnv);
    expect(readFileSync(join(dir, '.secret.env'), 'utf8')).toContain(`S3_PRIVATE_KEY='${PRIVATE_KEY}'`);
  });
});
