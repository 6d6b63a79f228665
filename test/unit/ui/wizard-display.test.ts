import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { outcome } from './beacon-run.js';
import { at, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession, type Script } from './scripted-session.js';

/** Longer than a 60-column row, with characters two columns wide and an emoji. */
const LONG_PATH = '/srv/field-stations/north-ridge/観測データ/sensor-readings-🌊-archive/2026/november';
/** The widest row of a frame, in columns as the terminal shows them. */
const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => stringWidth(line)));
/** The frame's rows from the one starting with `first`, with the leading spaces of the rows after it dropped and joined. */
const joinedFrom = (frame: string, first: string, count: number) => {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => l.startsWith(first));
  return lines.slice(at, at + count).map((l, i) => (i === 0 ? l : l.trimStart())).join('');
};

let narrowFrom = 0;

/** A first run with the long data folder, every other default, to the review (at 60 columns). */
async function reviewWithLongPath(script: Script = scriptedSession()): Promise<Wizard> {
  const w = await renderWizard(script, { columns: 60, rows: 24 });
  // The first frame is drawn before the harness narrows the terminal.
  narrowFrom = w.frames().length;
  await w.press('north-ridge\r', 'beacon.example.org\r', KEY.ctrlU);
  await w.type(LONG_PATH);
  await w.press(KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
  await w.waitFor('Review: Enter on an answer changes it.');
  return w;
}

describe('long values at 60 columns', () => {
  it('cuts a long answer in the review, and shows it in full, on the rows under it, while highlighted', async () => {
    const w = await reviewWithLongPath();
    expect(w.frame()).toMatch(/^ {2}Readings folder {2}\/srv\/field-stations\/north-ridge\/観測デー…$/mu);
    await w.press('r'); // type-ahead: "Readings folder"
    expect(joinedFrom(w.frame(), '› Readings folder', 3)).toBe(`› Readings folder  ${LONG_PATH}`);
    // The rows after the first start under the answer.
    expect(w.frame()).toMatch(/› Readings folder {2}\S+\n {19}\S/u);
    for (const frame of w.frames().slice(narrowFrom)) expect(widest(frame), frame).toBeLessThanOrEqual(60);
  });

  it('wraps a long diff line in the plan\'s pane and in its full view, under the line\'s + or -', async () => {
    const w = await reviewWithLongPath();
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    await w.press(KEY.down); // .env: its diff has DATA_ROOT
    expect(joinedFrom(w.frame(), " DATA_ROOT='", 2)).toBe(` DATA_ROOT='${LONG_PATH}'`);
    expect(w.frame()).toMatch(/── \.env · changed \(secret, masked\) · 5 lines/u);
    await w.press(KEY.enter);
    expect(joinedFrom(w.frame(), " DATA_ROOT='", 2)).toBe(` DATA_ROOT='${LONG_PATH}'`);
    for (const frame of w.frames().slice(narrowFrom)) expect(widest(frame), frame).toBeLessThanOrEqual(60);
  });

  it('shows every character of the failed step\'s last output lines in the summary', async () => {
    const script = scriptedSession();
    const w = await reviewWithLongPath(script);
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    await w.press('a', KEY.enter);
    const run = script.runs[0]!;
    await w.emit(run, { type: 'run-started', at: at(0), runId: 'r1', stack: 'beacon', dir: '/srv/beacon-logger', logPath: '/srv/beacon-logger/x.log', resumed: false, steps: [{ id: 'folders', title: 'Readings folder made', status: 'pending' }] });
    const line = `mkdir: cannot create directory '${LONG_PATH}': Permission denied`;
    await w.finish(run, outcome({ status: 'failed', failed: { id: 'folders', error: 'exit code 1', tail: [line] } }));
    await w.waitFor('Failed');
    expect(joinedFrom(w.frame(), '  │ mkdir', 3).replace(/^ {2}│ /u, '')).toBe(line);
    for (const frame of w.frames().slice(narrowFrom)) expect(widest(frame), frame).toBeLessThanOrEqual(60);
  });
});

describe('the review', () => {
  it('names answers by their labels; Tab shows the answers-file keys, and that stays after a change', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('  Readings folder  /srv/beacon\n');
    expect(w.frame()).not.toContain('data_root');
    await w.press(KEY.tab);
    expect(w.frame()).toContain('  data_root          /srv/beacon\n');
    expect(w.frame()).toContain('  secrets.vault_key  generated\n');
    expect(w.frame()).toContain('Tab labels');
    await w.press('d', 'a', KEY.enter); // type-ahead matches the keys too
    expect(w.frame()).toContain('Folder for the readings?');
    await w.press(KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('› data_root          /srv/beacon\n');
    await w.press('?');
    expect(w.frame()).toContain('› Readings folder  /srv/beacon\n');
  });
});

describe('lists keep their cursor', () => {
  it('on the review, after going back to the questions and forward again', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    await w.press(KEY.home, KEY.down, KEY.down);
    expect(w.frame()).toContain('› Readings folder');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Key that encrypts the stored readings?');
    await w.press(KEY.enter);
    await w.waitFor('Review');
    expect(w.frame()).toContain('› Readings folder');
  });

  it('on the plan, back from an item\'s full view and back from the review', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    await w.press(KEY.down, KEY.down);
    expect(w.frame()).toContain('› Bootstrap steps (3)');
    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/^── Bootstrap steps, in order/u);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Bootstrap steps (3)');
    expect(w.frame()).toContain('── Bootstrap steps, in order');
    // To the review and back: a new plan, the same item.
    await w.press(KEY.esc);
    await w.waitFor('Review');
    expect(w.frame()).toContain('› Continue');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(w.frame()).toContain('› Bootstrap steps (3)');
    expect(w.frame()).toContain(' 1. Readings folder made (folders)');
  });

  it('on a secret\'s choices, back from typing one: "Type my own" stays highlighted', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    expect(w.frame()).toContain('Upload token of the sensors?');
    await w.press(KEY.down, KEY.enter);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Type my own');
  });
});

describe('a problem with an answer', () => {
  it('goes as soon as the typed text changes, and comes back with the next wrong answer', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('Not A Name\r');
    expect(w.frame()).toContain('✗ This answer is "Not A Name", which is not');
    await w.press(KEY.left);
    expect(w.frame()).toContain('✗'); // the cursor moved: the text is the same
    await w.press(KEY.backspace);
    expect(w.frame()).not.toContain('✗');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('✗ This answer is "Not A Nae", which is not');
  });

  it('never follows the field to another one: a typed secret\'s problem is gone back on its choices', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.press(KEY.down, KEY.enter, 'short\r');
    expect(w.frame()).toMatch(/✗ The value is too short: it needs at least 16 characters and has 5/u);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Type my own');
    expect(w.frame()).not.toContain('✗');
  });
});
