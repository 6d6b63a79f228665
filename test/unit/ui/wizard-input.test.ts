import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { golden, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';

/** The line after the one that contains `text`. */
const lineAfter = (frame: string, text: string) => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((l) => l.includes(text)) + 1];
};

async function atStorageChoice(): Promise<Wizard> {
  const w = await renderWizard(scriptedSession());
  await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter);
  expect(w.frame()).toContain('Where are readings kept?');
  return w;
}

describe('answering', () => {
  it('shows the machine\'s problem under the field, and moves on once the answer is right', async () => {
    const w = await renderWizard(scriptedSession());
    await w.type('Not A Name');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Site · 1/8');
    expect(lineAfter(w.frame(), '› Not A Name')).toMatch(/^✗ This answer is "Not A Name", which /u);
    golden('question-error', w.frame());

    await w.press(KEY.ctrlU);
    await w.type('north-ridge');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Site · 2/8');
    expect(w.frame()).not.toContain('✗');
  });

  it('says when typed text is not a number, and when a number is out of range', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter);
    expect(w.frame()).toContain('› 8');
    await w.press(KEY.ctrlU);
    await w.type('ten');
    await w.press(KEY.enter);
    expect(lineAfter(w.frame(), '› ten')).toMatch(/^✗ "ten" is not a whole number: type one from 1 to/u);
    await w.press(KEY.ctrlU, '0\r');
    expect(lineAfter(w.frame(), '› 0')).toMatch(/^✗ This answer is 0, but it must be/u);
    expect(w.frame()).toMatch(/whole number\s+from\s+1\s+to\s+500/u);
    await w.press(KEY.backspace, '12\r');
    expect(w.frame()).toContain('Where are readings kept?');
  });

  it('goes back with Esc and keeps every answer', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r');
    expect(w.frame()).toContain('Site · 3/8');
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/Site · 2\/8[\s\S]*› beacon\.example\.org/u);
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/Site · 1\/8[\s\S]*› north-ridge/u);
    // Esc on the first question stays there.
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Site · 1/8');
    await w.press(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/Site · 3\/8[\s\S]*› \/srv\/beacon/u);
  });

  it('toggles the help with ? on an empty or untouched field; once typed, ? is a character and Tab is the help', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('?');
    expect(w.frame()).toContain('Help: Shown on every reading.');
    expect(w.frame()).toContain('? hide help');
    golden('question-help', w.frame());
    await w.press('?');
    expect(w.frame()).not.toContain('Help:');

    await w.type('a?');
    expect(w.frame()).toContain('› a?');
    expect(w.frame()).not.toContain('Help:');
    expect(w.frame()).toContain('Tab help');
    await w.press(KEY.tab);
    expect(w.frame()).toContain('Help: Shown on every reading.');

    // A field that still holds its default is untouched: ? is the help there too.
    await w.press(KEY.ctrlU, 'north-ridge\r', 'beacon.example.org\r', '?');
    expect(w.frame()).toMatch(/› \/srv\/beacon\n\nHelp: Everything the sensors upload\./u);
  });

  it('jumps to a choice by typing its first letters; the count follows the answer', async () => {
    const w = await atStorageChoice();
    expect(w.frame()).toContain('Storage · 5/8');
    await w.press('a');
    expect(w.frame()).toContain('› Also in a remote archive');
    await w.press('o');
    expect(w.frame()).toContain('› On this machine');
    await w.press('a', 'l');
    expect(w.frame()).toContain('› Also in a remote archive');
    await w.press(KEY.enter);
    // A remote archive: its URL and key are asked too, two questions more.
    expect(w.frame()).toMatch(/Storage · 6\/10[\s\S]*URL of the remote archive\?/u);
  });
});

describe('keys that arrive together', () => {
  it('submits a paste that ends in Enter, written as ONE chunk', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r');
    expect(w.frame()).toContain('Site · 2/8');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› north-ridge');
  });

  it('answers question after question from one chunk with several line breaks (a paste, or Enter pressed fast)', async () => {
    const w = await renderWizard(scriptedSession());
    // The domain, then Enter: the folder's default.
    await w.press('north-ridge\rbeacon.example.org\r\r');
    expect(w.frame()).toMatch(/Capacity · 4\/8[\s\S]*› 8\n/u);
    // Text after a line break goes to the next question: here letters that pick from the list.
    await w.press(KEY.ctrlU, '12\ra\r');
    expect(w.frame()).toMatch(/Storage · 6\/10[\s\S]*URL of the remote archive\?/u);
    await w.press(KEY.esc, KEY.esc);
    expect(w.frame()).toContain('› 12');
  });

  it('picks the second item for Down+Enter in one chunk', async () => {
    const w = await atStorageChoice();
    await w.press(`${KEY.down}${KEY.enter}`);
    expect(w.frame()).toContain('Storage · 6/10');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Also in a remote archive');
  });

  it('applies keys written before React renders again to the latest state, not the rendered one', async () => {
    const w = await renderWizard(scriptedSession());
    // Fast typing: every character and Enter reach the field before it re-renders once.
    await w.burst(...'north-ridge', KEY.enter);
    expect(w.frame()).toContain('Site · 2/8');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› north-ridge');
    await w.press(KEY.enter, 'beacon.example.org\r', KEY.enter, KEY.enter);
    // Down then Enter as separate chunks, still before a render.
    await w.burst(KEY.down, KEY.enter);
    expect(w.frame()).toContain('Storage · 6/10');
  });

  it('gives keys that arrive before the next question is drawn to that question, in order', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press('north-ridge\r', 'beacon.example.org\r');
    // Two Enters before a render: the first takes the folder, the second the sensor count (it must
    // neither reach the folder's field again nor be lost).
    await w.burst(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/Storage · 5\/8[\s\S]*› On this machine/u);
    expect(w.frame()).not.toContain('✗');
    // The same from a list: the second Enter answers the URL question (empty: the machine says why),
    // it does not pick from the storage list again.
    await w.press(KEY.down);
    await w.burst(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/URL of the remote archive\?\n›\n✗ This answer is empty/u);
  });
});

describe('Ctrl-C before anything is written', () => {
  it('asks before quitting; any answer but y goes on where it was; y exits 130', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    await w.type('abc');
    await w.press(KEY.ctrlC);
    expect(w.frame()).toContain('Quit? Nothing has been written. (y/N)');
    golden('quit-question', w.frame());
    await w.press('n');
    expect(w.frame()).not.toContain('Quit?');
    expect(w.frame()).toContain('› abc\n');
    // Esc answers no too, and does not go back.
    await w.press(KEY.ctrlC, KEY.esc);
    expect(w.frame()).not.toContain('Quit?');
    expect(w.frame()).toContain('Site · 1/8');
    expect(w.exitCode).toBeUndefined();

    await w.press(KEY.ctrlC, 'y');
    expect(w.exitCode).toBe(130);
    expect(script.exits).toEqual([130]);
    expect(script.installs).toEqual([]);
  });

  it('quits on a second Ctrl-C', async () => {
    const w = await renderWizard(scriptedSession());
    await w.press(KEY.ctrlC, KEY.ctrlC);
    expect(w.exitCode).toBe(130);
  });
});
