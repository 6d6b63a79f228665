import { localTime } from '../../../src/io/local-time.js';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import type { ChecksChoice } from '../../../src/core/session/flow.js';
import { KEEP_CURRENT } from '../../../src/core/wizard/machine.js';
import { CHECKS_REFUSED, DIR, filesWritten, outcome } from './beacon-run.js';
import { answerToReview, flat, golden, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession, type Script } from './scripted-session.js';
import { installed, KEPT, LOCAL_ANSWERS } from './wizard-answers.js';

/** The Ink wizard when things go wrong: failed checks, a quit with answers given, a draft, a reconfigure. */

/** To the plan, applied, and the machine's checks failed: the screen for them, and the choice the run waits for. */
async function checksFailed(): Promise<{ w: Wizard; script: Script; decided: Promise<ChecksChoice> }> {
  const script = scriptedSession();
  const w = await renderWizard(script, { rows: 40 });
  await answerToReview(w);
  await w.press(KEY.enter);
  await w.waitFor('Plan · Beacon');
  await w.press('a', KEY.enter);
  const run = script.runs[0]!;
  let decided!: Promise<ChecksChoice>;
  await w.act(() => {
    run.preflight(CHECKS_REFUSED);
    decided = run.checksFailed(CHECKS_REFUSED);
  });
  await w.waitFor('The machine is not ready');
  return { w, script, decided };
}

describe('failed machine checks', () => {
  it('show every check and what to do, the fixes and what skipping breaks; nothing is written', async () => {
    const { w } = await checksFailed();
    const f = w.frame();
    expect(flat(f)).toContain('The machine is not ready: clock failed. Nothing has been written, and every answer is kept.');
    expect(f).toContain('✓ pass  tool-sh     sh is /usr/bin/sh');
    expect(f).toContain('! warn  disk        /srv/beacon: 8 MiB needed, 9 MiB free');
    expect(f).toContain('✗ FAIL  clock       the clock says 1970: it is not set');
    expect(f).toContain('› Check again\n  Skip clock and go on\n  Write the files only; run the bootstrap later\n  Back to the review');
    expect(f).toContain('  fix: Set it: `sudo timedatectl set-ntp true`.');
    golden('checks-failed', f);
    await w.press(KEY.down);
    expect(flat(w.frame())).toContain('if skipped: every reading is stamped with the wrong time, and the sensors\' uploads are refused as too old.');
    expect(flat(w.frame())).toContain('What will break: every reading is stamped with the wrong time');
  });

  it.each<[string, string[], ChecksChoice]>([
    ['check again', [KEY.enter], { kind: 'again' }],
    ['skip the failed check', [KEY.down, KEY.enter], { kind: 'skip', name: 'clock' }],
    ['write the files only', ['w', KEY.enter], { kind: 'files-only' }],
  ])('hand the run the choice: %s', async (_name, keys, choice) => {
    const { w, decided } = await checksFailed();
    await w.press(...keys);
    expect(await decided).toEqual(choice);
    expect(w.frame()).not.toContain('The machine is not ready');
  });

  it('go back to the review with every answer on Esc', async () => {
    const { w, script, decided } = await checksFailed();
    await w.press(KEY.esc);
    expect(await decided).toEqual({ kind: 'back' });
    await w.waitFor('Review: Enter on an answer changes it.');
    expect(w.frame()).toMatch(/Site name +north-ridge/);
    // And on again from there.
    await w.press(KEY.end, KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(script.installs).toHaveLength(2);
  });

  it('say, after files only, how to run the bootstrap later', async () => {
    const { w, script, decided } = await checksFailed();
    await w.press('w', KEY.enter);
    await decided;
    const run = script.runs[0]!;
    const hints = ['Fix what the checks found, then run the bootstrap with:', `fieldstation apply --answers ${DIR}/.fieldstation/answers.yaml --dir ${DIR}`, `or: fieldstation resume --dir ${DIR} (or \`fieldstation setup --dir ${DIR}\`, which offers it).`];
    await w.act(() => run.filesWritten());
    await w.finish(run, outcome({ status: 'written', files: filesWritten(), message: 'The machine\'s checks failed, so the bootstrap was not run: the files are written.', hints }));
    await w.waitFor('Files written');
    expect(flat(w.frame())).toContain(`The machine's checks failed, so the bootstrap was not run: the files are written. Fix what the checks found, then run the bootstrap with: fieldstation apply --answers ${DIR}/.fieldstation/answers.yaml --dir ${DIR} or: fieldstation resume`);
    expect(w.exitCode).toBe(0);
    // The answers are in answers.yaml: no draft.
    expect(script.drafts).toEqual([]);
  });

  it('ask before quitting on Ctrl-C, and keep the answers as a draft', async () => {
    const { w, script, decided } = await checksFailed();
    await w.press(KEY.ctrlC);
    expect(flat(w.frame())).toContain('Quit? Nothing has been written; your answers so far are kept as a draft. (y/N)');
    await w.press('y');
    await w.waitFor('Your answers so far are saved in');
    expect(await decided).toEqual({ kind: 'back' });
    expect(w.exitCode).toBe(130);
    expect(script.drafts).toHaveLength(1);
    expect(flat(w.frame())).toContain(`Run \`fieldstation setup --dir ${DIR}\` to continue them (or to discard them).`);
  });
});

describe('answers given, then a quit', () => {
  it('Ctrl-C at a question keeps the answers as a draft and says where; the typed secret only as a 0600 file', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter);
    await w.press(KEY.down, KEY.enter); // remote
    await w.press('https://archive.example.org/b\r');
    await w.type('typed-archive-key');
    await w.press(KEY.enter, 'typed-archive-key\r'); // typed twice
    await w.waitFor('Send an alert');
    await w.press(KEY.ctrlC, 'y');
    await w.waitFor('Your answers so far');
    expect(script.drafts).toEqual([{ stack: 'beacon', answers: { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', data_root: '/srv/beacon', sensors: 8, 'storage.mode': 'remote', 'storage.url': 'https://archive.example.org/b' }, secrets: { 'storage.key': { kind: 'value', value: 'typed-archive-key' } } }]);
    expect(flat(w.frame())).toContain(`Your answers so far are saved in ${DIR}/.fieldstation/draft.yaml (mode 0600). The secrets you typed (storage.key) are not in it: each is a file in ${DIR}/.fieldstation/draft-secrets/, mode 0600.`);
    expect(w.frame()).not.toContain('typed-archive-key');
    expect(w.exitCode).toBe(130);
  });

  it('Esc on the first question says there is nothing before it', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press(KEY.esc);
    expect(w.frame()).toContain('This is the first question: there is nothing before it.');
    await w.press('n');
    expect(w.frame()).not.toContain('nothing before it');
  });
});

describe('a draft in the folder', () => {
  const draft = { savedAt: '2026-11-23T09:00:00.000Z', answers: { 'site.name': 'south-col', 'site.domain': 'south.example.org' }, secrets: {}, lost: [] };

  it('is offered first; continuing opens at the first question it lacks', async () => {
    const script = scriptedSession({ install: { kind: 'fresh', draft } });
    const w = await renderWizard(script);
    expect(flat(w.frame())).toContain(`Answers you left unfinished are saved here (2 answers, ${localTime('2026-11-23T09:00:00.000Z')}).`);
    expect(w.frame()).toContain('› Continue where you left off\n  Discard them and start again\n  Quit');
    golden('start-draft', w.frame());
    await w.press(KEY.enter);
    await w.waitFor('Folder for the readings?');
    // Esc goes to the question before; once more, to the start screen.
    await w.press(KEY.esc);
    await w.waitFor('Domain name of the logger?');
    expect(w.frame()).toContain('› south.example.org');
  });

  it('can be discarded: the first question, nothing filled in', async () => {
    const script = scriptedSession({ install: { kind: 'fresh', draft } });
    const w = await renderWizard(script);
    await w.press(KEY.down, KEY.enter);
    await w.waitFor('Name of the field site?');
    expect(script.discards).toBe(1);
    expect(w.frame()).not.toContain('south-col');
  });
});

describe('a reconfigure', () => {
  it('opens on the review with every answer, secrets as "keep current"; a secret opened is kept or replaced, never shown', async () => {
    const script = scriptedSession({ install: installed(undefined, 'failed', KEPT) });
    const w = await renderWizard(script);
    await w.press(KEY.enter);
    await w.waitFor('Review: Enter on an answer changes it.');
    expect(w.frame()).toMatch(/Upload token +keep current/);
    expect(w.frame()).toMatch(/Vault key +keep current/);
    // Esc on the review goes back to the start screen; reconfigure returns to the same review.
    await w.press(KEY.esc);
    await w.waitFor('Beacon is installed in');
    await w.press(KEY.enter);
    await w.waitFor('Review:');
    await w.press('secrets.t', KEY.enter);
    await w.waitFor('Upload token of the sensors?');
    expect(w.frame()).toContain('› Keep the current one');
    expect(w.frame()).toContain('  Type a new one');
    await w.press(KEY.enter);
    await w.waitFor('Review:');
    await w.press(KEY.end, KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(script.installs).toEqual([{ ...LOCAL_ANSWERS, 'secrets.token': KEEP_CURRENT, 'secrets.vault_key': KEEP_CURRENT }]);
  });
});
