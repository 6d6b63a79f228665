import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, planFor } from './beacon-run.js';
import { answerToReview, golden, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';

const URL = 'https://archive.example.org/beacon';
const ARCHIVE_KEY = 'ARCHIVE-TYPED-3x4mpl3-KEY';
const TOKEN = 't0ken-TYPED-upl0ad-value';

/** The questions' prompts shown from now on, in order, each once. */
function promptsSeen(w: Wizard, since: number): string[] {
  const seen: string[] = [];
  for (const f of w.frames().slice(since)) {
    const prompt = /\n\n([^\n]+\?)\n/u.exec(f)?.[1];
    if (prompt && seen[seen.length - 1] !== prompt) seen.push(prompt);
  }
  return seen;
}

describe('the review screen', () => {
  it('edits storage.mode and asks only the questions that became necessary, then returns to the review', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    await answerToReview(w);
    await w.type('sto');
    expect(w.frame()).toContain('› Storage          local: On this machine');
    const before = w.frames().length;
    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/Storage · 5\/8 · changing an answer[\s\S]*› On this machine/u);
    await w.press(KEY.down, KEY.enter);
    expect(w.frame()).toContain('URL of the remote archive?');
    await w.press(`${URL}\r`);
    // The archive's key cannot be generated: a masked field, straight away.
    expect(w.frame()).toMatch(/Key of the remote archive\?\n›\n/u);
    await w.press(`${ARCHIVE_KEY}\r`, `${ARCHIVE_KEY}\r`);
    await w.waitFor('Review: Enter on an answer changes it.');
    expect(promptsSeen(w, before)).toEqual(['Where are readings kept?', 'URL of the remote archive?', 'Key of the remote archive?']);
    // Back on the answer that was changed, with what it brought.
    expect(w.frame()).toContain('› Storage          remote: Also in a remote archive');
    expect(w.frame()).toContain(`  Archive URL      ${URL}`);
    expect(w.frame()).toContain('  Archive key      ••••••••');

    await w.press(KEY.end, KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(script.installs[0]).toMatchObject({ 'storage.mode': 'remote', 'storage.url': URL, 'storage.key': ARCHIVE_KEY, 'site.name': 'north-ridge', alerts: true });
  });

  it('leaves a change with Esc: back through its questions, then to the review as it was', async () => {
    const w = await renderWizard(scriptedSession());
    await answerToReview(w);
    await w.press(KEY.home, KEY.enter);
    expect(w.frame()).toContain('Name of the field site?');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Site name        north-ridge');

    await w.type('sto');
    await w.press(KEY.enter, KEY.down, KEY.enter);
    expect(w.frame()).toContain('URL of the remote archive?');
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/changing an answer[\s\S]*› Also in a remote archive/u);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    expect(w.frame()).toContain('Storage          local: On this machine');
    expect(w.frame()).not.toContain('Archive URL');
  });

  it('never shows a typed secret: masked while typed, "••••••••" in the review', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.down, KEY.enter);
    await w.press(`${URL}\r`);
    expect(w.frame()).toContain('Key of the remote archive?');
    await w.type(ARCHIVE_KEY.slice(0, 8));
    expect(w.frame()).toContain(`› ${'•'.repeat(8)}`);
    golden('question-secret-typed', w.frame());
    await w.type(ARCHIVE_KEY.slice(8));
    await w.press(KEY.enter);
    // Typed twice: a different second entry starts both over, with nothing shown.
    expect(w.frame()).toContain('Type it again to confirm:');
    await w.press('ARCHIVE-typo\r');
    expect(w.frame()).toContain('✗ The two entries differ: type the value again, then once more to confirm.');
    await w.press(KEY.ctrlU, `${ARCHIVE_KEY}\r`, `${ARCHIVE_KEY}\r`);
    await w.press(KEY.enter); // no alerts
    // A generatable secret can be typed too; too short, the machine's problem says so without the value.
    await w.press(KEY.down, KEY.enter, 'q1w2e\r');
    expect(w.frame()).toMatch(/✗ The value is too short: it needs at least 16\s+characters and has 5/u);
    await w.press(KEY.ctrlU, `${TOKEN}\r`, `${TOKEN}\r`);
    await w.press(KEY.enter); // the vault key generated
    await w.waitFor('Review');
    expect(w.frame()).toContain('  Archive key      ••••••••');
    expect(w.frame()).toContain('  Upload token     ••••••••');
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    for (const frame of w.frames()) {
      for (const secret of [ARCHIVE_KEY, TOKEN, 'q1w2e', 'ARCHIVE-typo']) expect(frame).not.toContain(secret);
    }
  });

  it('shows a typed secret only on request (Ctrl-T), and hides it again', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.down, KEY.enter);
    await w.press(`${URL}\r`);
    await w.type('visible-now-1');
    expect(w.frame()).toContain('Ctrl-T show');
    expect(w.frame()).not.toContain('visible-now-1');
    await w.press('\x14');
    expect(w.frame()).toContain('› visible-now-1');
    expect(w.frame()).toContain('Ctrl-T hide');
    await w.press('\x14');
    expect(w.frame()).not.toContain('visible-now-1');
  });

  it('lists the problems the checks found (key, what is wrong, the fix) and stays', async () => {
    const script = scriptedSession({
      plan: () => [
        { path: 'site.domain', severity: 'error', message: 'does not resolve to this machine', fix: 'Point an A record for beacon.example.org at this machine.' },
        { path: 'alerts', severity: 'warning', message: 'is on, but alerts need the remote archive to send mail' },
      ],
    });
    const w = await renderWizard(script);
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('error');
    // Named as the list names the answer, with the key the checks report.
    expect(w.frame()).toContain('✗ error   Domain (site.domain): does not resolve to this machine\n          fix: Point an A record for beacon.example.org at this machine.');
    expect(w.frame()).toContain('! warning Alerts (alerts): is on');
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    golden('review-problems', w.frame());
    // Tab names the answers by their keys, in the list and in the problems.
    await w.press(KEY.tab);
    expect(w.frame()).toContain('✗ error   site.domain: does not resolve to this machine');
    expect(w.frame()).toContain('  site.domain        beacon.example.org');
    expect(w.frame()).toContain('Tab labels');
    // Changing an answer clears them; they come back only from the next check.
    await w.press(KEY.home, KEY.enter, KEY.enter);
    expect(w.frame()).not.toContain('error');
    expect(script.installs).toHaveLength(1);
  });
});

describe('the plan screen', () => {
  async function atPlan(): Promise<Wizard> {
    const w = await renderWizard(scriptedSession());
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    return w;
  }

  it('scrolls the highlighted file\'s diff with PgUp/PgDn, and shows it full height with Enter', async () => {
    const w = await atPlan();
    expect(w.frame()).toContain('── beacon.conf · new (secret, masked) · lines 1-13 of 27 ─');
    expect(w.frame()).toContain('+token = [masked:secrets.token]');
    await w.press(KEY.pageDown);
    expect(w.frame()).toContain('lines 14-26 of 27');
    expect(w.frame()).toContain('+sensor_09 = "slot 9"');
    await w.press(KEY.pageDown, KEY.pageDown);
    expect(w.frame()).toContain('lines 15-27 of 27');
    await w.press(KEY.pageUp);
    expect(w.frame()).toContain('lines 2-14 of 27');

    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/^── beacon\.conf · new \(secret, masked\) · lines 2-22 of 27/u);
    golden('plan-diff-full', w.frame());
    await w.press(KEY.down);
    expect(w.frame()).toContain('lines 3-23 of 27');
    await w.press(KEY.end);
    expect(w.frame()).toContain('lines 7-27 of 27');
    await w.press(KEY.home);
    expect(w.frame()).toContain('lines 1-21 of 27');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Plan · Beacon');
  });

  it('shows the changed file\'s diff (masked), the steps and the notes as the highlight moves', async () => {
    const w = await atPlan();
    await w.press(KEY.down);
    expect(w.frame()).toMatch(/── \.env · changed \(secret, masked\) · 5 lines ─+\n@@ -1,3 \+1,3 @@\n-DOMAIN='old\.example\.org'\n\+DOMAIN='beacon\.example\.org'/u);
    expect(w.frame()).toContain(' VAULT_KEY=[masked:secrets.vault_key]');
    await w.press(KEY.down);
    expect(w.frame()).toContain(' 1. Readings folder made (folders)');
    await w.press(KEY.down);
    expect(w.frame()).toMatch(/! warning alerts: is on, but alerts need the remote archive/u);
    expect(w.frame()).toContain('Sensors upload to https://beacon.example.org/upload.');
    golden('plan-notes', w.frame());
  });

  it('marks an unchanged file, counts only the files it writes, and cannot apply with a blocked target', async () => {
    const script = scriptedSession({ plan: (answers) => ({ ...planFor(beacon, answers, DIR, ['unchanged', 'changed']), blocked: [{ path: '.env', reason: 'is a symbolic link' }] }) });
    const w = await renderWizard(script);
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(w.frame()).toContain('› = unchanged beacon.conf  [secret]');
    expect(w.frame()).toContain('✗ Cannot write .env: it is a symbolic link. Nothing is written until it is gone.');
    expect(w.frame()).toContain('── beacon.conf · unchanged (secret, masked)');
    // Up from "Back to review" skips Apply.
    await w.press(KEY.end, KEY.up);
    expect(w.frame()).toContain('  Apply: write 1 file, then run 3 steps');
    expect(w.frame()).toContain('› Notes and warnings');
    expect(script.confirms).toEqual([]);
  });

  it('goes back to the review with Esc or "Back to review"', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    await w.press(KEY.end, KEY.enter);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    // Each plan left is declined: nothing runs.
    expect(script.confirms).toEqual([false, false]);
    expect(script.runs).toEqual([]);
  });
});
