import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below (ecosystem.md §4.2).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { fakePorts } from './fake-ports.js';
import { golden, KEY, renderWizard, type Wizard } from './harness.js';

/** The line after the one that contains `text`. */
const lineAfter = (frame: string, text: string) => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((l) => l.includes(text)) + 1];
};

async function atStorageChoice(): Promise<Wizard> {
  const w = await renderWizard(fakePorts());
  await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter, KEY.enter, KEY.enter);
  expect(w.frame()).toContain('Where should images be stored?');
  return w;
}

describe('answering', () => {
  it('shows the machine\'s problem under the field, and moves on once the answer is right', async () => {
    const w = await renderWizard(fakePorts());
    await w.type('Not A Domain');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Server · 1/15');
    expect(lineAfter(w.frame(), '› Not A Domain')).toMatch(/^✗ Domain name of the server: this /u);
    golden('question-error', w.frame());

    await w.press(KEY.ctrlU);
    await w.type('sticky.example.org');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Server · 2/15');
    expect(w.frame()).not.toContain('✗');
  });

  it('says when typed text is not a number, and when a number is out of range', async () => {
    const w = await renderWizard(fakePorts());
    await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter);
    expect(w.frame()).toContain('› 10');
    await w.press(KEY.ctrlU);
    await w.type('ten');
    await w.press(KEY.enter);
    expect(lineAfter(w.frame(), '› ten')).toBe('✗ "ten" is not a whole number');
    await w.press(KEY.ctrlU, '0\r');
    expect(lineAfter(w.frame(), '› 0')).toMatch(/^✗ How many Sticky Pi devices will upload to this server: this is 0,/u);
    expect(w.frame()).toMatch(/this is 0, outside\s+1–100000/u);
    await w.press(KEY.backspace, '12\r');
    expect(w.frame()).toContain('How many weeks of images');
  });

  it('goes back with Esc and keeps every answer', async () => {
    const w = await renderWizard(fakePorts());
    await w.press('sticky.example.org\r', 'admin@example.org\r');
    expect(w.frame()).toContain('Server · 3/15');
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/Server · 2\/15[\s\S]*› admin@example\.org/u);
    await w.press(KEY.esc);
    expect(w.frame()).toMatch(/Server · 1\/15[\s\S]*› sticky\.example\.org/u);
    // Esc on the first question stays there.
    await w.press(KEY.esc);
    expect(w.frame()).toContain('Server · 1/15');
    await w.press(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/Server · 3\/15[\s\S]*› \/opt\/sticky-pi-server/u);
  });

  it('toggles the help with ? on an empty or untouched field; once typed, ? is a character and Tab is the help', async () => {
    const w = await renderWizard(fakePorts());
    await w.press('?');
    expect(w.frame()).toContain('Help: The API answers at api.<domain>');
    expect(w.frame()).toContain('? hide help');
    golden('question-help', w.frame());
    await w.press('?');
    expect(w.frame()).not.toContain('Help:');

    await w.type('a?');
    expect(w.frame()).toContain('› a?');
    expect(w.frame()).not.toContain('Help:');
    expect(w.frame()).toContain('Tab help');
    await w.press(KEY.tab);
    expect(w.frame()).toContain('Help: The API answers');

    // A field that still holds its default is untouched: ? is the help there too.
    await w.press(KEY.ctrlU, 'sticky.example.org\r', 'admin@example.org\r', '?');
    expect(w.frame()).toMatch(/› \/opt\/sticky-pi-server\n\nHelp: LOCAL_VOLUME_ROOT/u);
  });

  it('jumps to a choice by typing its first letters', async () => {
    const w = await atStorageChoice();
    await w.press('l');
    expect(w.frame()).toContain('› Local S3 in a container');
    await w.press('a');
    expect(w.frame()).toContain('› An S3 provider');
    await w.press('l', 'o');
    expect(w.frame()).toContain('› Local S3 in a container');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Image storage (S3) · 7/14');
  });
});

describe('keys that arrive together', () => {
  it('submits a paste that ends in Enter, written as ONE chunk', async () => {
    const w = await renderWizard(fakePorts());
    await w.press('sticky.example.org\r');
    expect(w.frame()).toContain('Server · 2/15');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› sticky.example.org');
  });

  it('answers question after question from one chunk with several line breaks (a paste, or Enter pressed fast)', async () => {
    const w = await renderWizard(fakePorts());
    // The e-mail, then Enter twice: the folder's and the device count's defaults.
    await w.press('sticky.example.org\radmin@example.org\r\r\r');
    expect(w.frame()).toMatch(/Capacity · 5\/15[\s\S]*› 52\n/u);
    // Text after a line break goes to the next question: here letters that pick from the list.
    await w.press(KEY.ctrlU, '26\rl\r');
    expect(w.frame()).toMatch(/Image storage \(S3\) · 7\/14[\s\S]*› sticky-pi-prod/u);
    await w.press(KEY.esc, KEY.esc);
    expect(w.frame()).toContain('› 26');
  });

  it('picks the second item for Down+Enter in one chunk', async () => {
    const w = await atStorageChoice();
    await w.press(`${KEY.down}${KEY.enter}`);
    expect(w.frame()).toContain('Image storage (S3) · 7/14');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› Local S3 in a container');
  });

  it('applies keys written before React renders again to the latest state, not the rendered one', async () => {
    const w = await renderWizard(fakePorts());
    // Fast typing: every character and Enter reach the field before it re-renders once.
    await w.burst(...'sticky.example.org', KEY.enter);
    expect(w.frame()).toContain('Server · 2/15');
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› sticky.example.org');
    await w.press(KEY.enter, 'admin@example.org\r', KEY.enter, KEY.enter, KEY.enter);
    // Down then Enter as separate chunks, still before a render.
    await w.burst(KEY.down, KEY.enter);
    expect(w.frame()).toContain('Image storage (S3) · 7/14');
  });

  it('gives keys that arrive before the next question is drawn to that question, in order', async () => {
    const w = await renderWizard(fakePorts());
    await w.press('sticky.example.org\r', 'admin@example.org\r');
    // Two Enters before a render: the first takes the folder, the second the device count (it must
    // neither reach the folder's field again nor be lost).
    await w.burst(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/Capacity · 5\/15[\s\S]*› 52\n/u);
    expect(w.frame()).not.toContain('✗');
    // The same from a list: the second Enter answers the host question (empty: the machine says why),
    // it does not pick from the storage list again.
    await w.press(KEY.enter);
    await w.burst(KEY.enter, KEY.enter);
    expect(w.frame()).toMatch(/Host name of the S3 endpoint\?\n›\n✗ Host name of the S3 endpoint: this /u);
  });
});

describe('Ctrl-C before anything is written', () => {
  it('asks before quitting; any answer but y goes on where it was', async () => {
    const w = await renderWizard(fakePorts());
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
    expect(w.frame()).toContain('Server · 1/15');
    expect(w.exitCode).toBeUndefined();

    await w.press(KEY.ctrlC, 'y');
    expect(w.exitCode).toBe(130);
  });

  it('quits on a second Ctrl-C', async () => {
    const w = await renderWizard(fakePorts());
    await w.press(KEY.ctrlC, KEY.ctrlC);
    expect(w.exitCode).toBe(130);
  });
});
