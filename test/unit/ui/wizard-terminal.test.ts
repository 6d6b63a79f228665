import { EventEmitter } from 'node:events';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import type { Question } from '../../../src/core/questions/types.js';
import { runInkWizard } from '../../../src/ui/ink/index.js';
import { envFormat } from '../../../src/kit/formats/env.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, LOG, outcome } from './beacon-run.js';
import { answerToReview, at, golden, KEY, plain, renderWizard, type Wizard } from './harness.js';
import { scriptedSession, type Script } from './scripted-session.js';

const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));
const isAscii = (frame: string) => [...frame].every((c) => c.charCodeAt(0) < 128);

/** From the review screen to a running bootstrap with one step skipped, one started and some output. */
async function reviewToProgress(w: Wizard, script: Script): Promise<void> {
  await w.press(KEY.enter);
  await w.waitFor('Plan');
  await w.press('a', KEY.enter);
  const run = script.runs[0]!;
  await w.emit(
    run,
    { type: 'run-started', at: at(0), runId: 'r1', stack: 'beacon', dir: DIR, logPath: LOG, resumed: false, steps: [{ id: 'folders', title: 'Readings folder made', status: 'pending' }, { id: 'marker', title: 'Uploader marker written', status: 'pending' }, { id: 'start', title: 'Logger started', status: 'pending' }] },
    { type: 'step-skipped', at: at(0), id: 'folders', title: 'Readings folder made', reason: 'the folder exists' },
    { type: 'step-started', at: at(1), id: 'marker', title: 'Uploader marker written', attempt: 1, attempts: 1 },
    { type: 'step-output', at: at(2), id: 'marker', stream: 'info', line: 'waiting for the uploader to pick up /srv/beacon/.beacon-ready: a rather long progress line that will not fit' },
  );
}

describe('at 60 columns', () => {
  it('wraps every screen within the width', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script, { columns: 60, rows: 24 });
    const from = w.frames().length;
    golden('60/question-text', w.frame());
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter);
    golden('60/question-choice', w.frame());
    await w.press('?');
    golden('60/question-choice-help', w.frame());
    await w.press('?', 'o', KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    golden('60/review', w.frame());
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    golden('60/plan', w.frame());
    await w.press(KEY.esc);
    await reviewToProgress(w, script);
    golden('60/progress', w.frame());
    await w.finish(script.runs[0]!, outcome({ status: 'failed', failed: { id: 'marker', error: 'cannot write /srv/beacon/.beacon-ready: EACCES (permission denied by the file system)', tail: ['mkdir /srv/beacon: permission denied'] } }));
    await w.waitFor('Failed');
    golden('60/summary-failed', w.frame());
    // The first frame is drawn before the test narrows the terminal; every later one fits.
    for (const frame of w.frames().slice(from)) expect(widest(frame)).toBeLessThanOrEqual(60);
  });

  it('reflows when the terminal is resized', async () => {
    const w = await renderWizard(scriptedSession());
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    expect(widest(w.frame())).toBeGreaterThan(60);
    await w.resize(60, 20);
    expect(widest(w.frame())).toBeLessThanOrEqual(60);
    // Fewer rows: the diff pane gets less.
    expect(w.frame().split('\n').length).toBeLessThanOrEqual(20);
    await w.resize(100, 40);
    expect(w.frame()).toContain('── beacon.conf · new (secret, masked) · 27 lines ─');
  });
});

describe('without Unicode', () => {
  it('draws every screen in ASCII: > for the pointer, * for a masked secret, + x ~ for the states', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script, { unicode: false });
    await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter);
    await w.press(KEY.ctrlU, '0\r');
    expect(w.frame()).toMatch(/This answer is 0, but it must be a\s+whole number from 1 to 500/u);
    await w.press(KEY.ctrlU, '8\r', KEY.down, KEY.enter, 'https://archive.example.org/beacon\r');
    await w.type('secret-ascii');
    golden('ascii/question-secret-typed', w.frame());
    expect(w.frame()).toContain('> ************');
    await w.press(KEY.enter, 'secret-ascii\r'); // typed twice
    for (let i = 0; i < 3; i++) await w.press(KEY.enter);
    await w.waitFor('Review');
    golden('ascii/review', w.frame());
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    golden('ascii/plan', w.frame());
    await w.press(KEY.esc);
    await reviewToProgress(w, script);
    golden('ascii/progress', w.frame());
    expect(w.frame()).toContain('~ Readings folder made | skipped: the folder exists');
    const run = script.runs[0]!;
    await w.emit(run, { type: 'step-succeeded', at: at(9), id: 'marker', title: 'Uploader marker written', seconds: 8 }, { type: 'step-failed', at: at(10), id: 'start', title: 'Logger started', seconds: 1, error: 'exit code 1', tail: [] });
    golden('ascii/progress-finished', w.frame());
    await w.finish(run, outcome({ status: 'failed', failed: { id: 'start', error: 'exit code 1', tail: ['beacon: cannot bind :8080 (address in use)'] } }));
    await w.waitFor('Failed');
    golden('ascii/summary-failed', w.frame());
    expect(w.exitCode).toBe(4);
    for (const frame of w.frames()) expect(isAscii(frame), frame).toBe(true);
  });
});

describe('a device question', () => {
  const device: Question = { id: 'data_device', kind: 'device', section: 'Site', prompt: 'Which disk should hold the readings?', help: 'Everything on it is kept; nothing is formatted.', formats: [envFormat] };
  const stack = { ...beacon, questions: [beacon.questions[0]!, device, ...beacon.questions.slice(1)] };
  const DEVICES = [
    { path: '/dev/sda', size: '120G', model: 'QEMU HARDDISK', mounted: '/', filesystem: 'ext4' },
    { path: '/dev/sdb', size: '2T', model: 'WDC WD20EFRX', mounted: undefined, filesystem: undefined },
  ];

  it('lists the disks only once the question is shown, with size, model and what is on them', async () => {
    const script = scriptedSession({ stacks: [stack], devices: DEVICES });
    const w = await renderWizard(script);
    expect(script.deviceLookups).toBe(0);
    await w.press('north-ridge\r');
    await w.waitFor('/dev/sdb');
    expect(script.deviceLookups).toBe(1);
    expect(w.frame()).toContain('› /dev/sda  120G  QEMU HARDDISK  mounted at /, ext4');
    expect(w.frame()).toContain('  /dev/sdb  2T    WDC WD20EFRX   not mounted, no file system');
    golden('question-device', w.frame());
    await w.press(KEY.down, KEY.enter);
    expect(w.frame()).toContain('Domain name of the logger?');
    await w.press(KEY.esc);
    await w.waitFor('/dev/sdb');
    expect(w.frame()).toContain('› /dev/sdb');
  });

  it('asks for the path when no disk is listed, and says why', async () => {
    const w = await renderWizard(scriptedSession({ stacks: [stack], devices: new Error('lsblk: not found') }));
    await w.press('north-ridge\r');
    await w.waitFor('Could not list the disks');
    expect(w.frame()).toContain('! Could not list the disks (lsblk: not found): type the device\'s path.');
    await w.press('sdb\r');
    expect(w.frame()).toContain('is not an absolute path');
    await w.press(KEY.ctrlU, '/dev/sdb\r');
    expect(w.frame()).toContain('Domain name of the logger?');
  });
});

/** A terminal's stdin: raw mode is a no-op; type() hands Ink one chunk, as a read() after 'readable'. */
class TerminalStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setRawMode = () => this;
  setEncoding = () => this;
  ref = () => this;
  unref = () => this;
  resume = () => this;
  pause = () => this;
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  type(text: string): void {
    this.data = text;
    this.emit('readable');
  }
}

/** Streams like a terminal's, for runInkWizard itself (ink-testing-library's are not exported). */
function terminalStreams() {
  const stdin = new TerminalStdin();
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 80, rows: 24, write: (s: string) => written.push(s) > 0 });
  const io = { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stdout as unknown as NodeJS.WriteStream };
  return { io, stdin, written: () => written.join(''), screen: () => plain(written.join('')) };
}

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';
/** Bracketed paste was asked for, and the last word on it was "off". */
const pasteModeLeftOff = (out: string) => out.includes(PASTE_ON) && out.lastIndexOf(PASTE_OFF) > out.lastIndexOf(PASTE_ON);

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits (inside act, a bounded number of times) until the screen shows `text`: Ink throttles its writes. */
async function screenShows(screen: () => string, text: string): Promise<void> {
  for (let i = 0; i < 50 && !screen().includes(text); i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  expect(screen()).toContain(text);
}

describe('runInkWizard', () => {
  it('draws on the given stdout and returns 130 when the user quits', async () => {
    const { io, stdin, screen } = terminalStreams();
    let result!: Promise<number>;
    await act(async () => {
      result = runInkWizard(scriptedSession().session, { unicode: true, color: false }, io);
      await turn();
    });
    await screenShows(screen, 'Name of the field site?');
    await act(async () => stdin.type(KEY.ctrlC));
    await act(async () => stdin.type('y'));
    expect(await result).toBe(130);
  });

  it('turns bracketed paste on while drawn: a pasted line is typed, its line break does not submit; off again on quitting', async () => {
    const { io, stdin, screen, written } = terminalStreams();
    let result!: Promise<number>;
    await act(async () => {
      result = runInkWizard(scriptedSession().session, { unicode: true, color: false }, io);
      await turn();
    });
    await screenShows(screen, 'Name of the field site?');
    expect(written()).toContain(PASTE_ON);
    expect(pasteModeLeftOff(written())).toBe(false);
    await act(async () => stdin.type('\u001B[200~  north-ridge\r\n\u001B[201~'));
    await screenShows(screen, '› north-ridge');
    expect(screen()).not.toContain('Domain name of the logger?');
    await act(async () => stdin.type('\r'));
    await screenShows(screen, 'Domain name of the logger?');
    await act(async () => stdin.type(KEY.ctrlC));
    await act(async () => stdin.type('y'));
    expect(await result).toBe(130);
    expect(pasteModeLeftOff(written())).toBe(true);
  });

  it('rejects when a service fails unexpectedly, for the caller to report (bracketed paste off again)', async () => {
    const { io, stdin, written } = terminalStreams();
    const script = scriptedSession({ plan: () => new Error('test/fixtures/stacks/beacon/templates/env.hbs: not found') });
    let ended!: Promise<unknown>;
    await act(async () => {
      ended = runInkWizard(script.session, { unicode: true, color: false }, io).then((code) => ({ code }), (error: unknown) => ({ error }));
      await turn();
    });
    // A first run with every default, to the review screen, then Continue.
    for (const chunk of ['north-ridge\r', 'beacon.example.org\r', '\r', '\r', '\r', '\r', '\r', '\r', '\r']) {
      await act(async () => stdin.type(chunk));
    }
    expect(await ended).toEqual({ error: new Error('test/fixtures/stacks/beacon/templates/env.hbs: not found') });
    expect(script.installs).toHaveLength(1);
    expect(pasteModeLeftOff(written())).toBe(true);
  });

  it('refuses a stdin that is not a terminal', async () => {
    const { io } = terminalStreams();
    (io.stdin as { isTTY: boolean }).isTTY = false;
    await expect(runInkWizard(scriptedSession().session, { unicode: true, color: false }, io)).rejects.toThrow(/needs a terminal/u);
  });
});
