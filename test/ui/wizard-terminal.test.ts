import { EventEmitter } from 'node:events';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below (ecosystem.md §4.2).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import type { Question } from '../../src/core/questions/types.js';
import { runInkWizard } from '../../src/ui/ink/index.js';
import { stickypi } from '../../src/stacks/stickypi/index.js';
import { envFormat } from '../../src/kit/formats/env.js';
import { DIR, fakePorts, LOG, RESUME, type FakePorts } from './fake-ports.js';
import { answerToReview, at, golden, KEY, plain, renderWizard, type Wizard } from './harness.js';

const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));
const isAscii = (frame: string) => [...frame].every((c) => c.charCodeAt(0) < 128);

/** From the review screen to a running bootstrap with one step started and some output. */
async function reviewToProgress(w: Wizard, ports: FakePorts): Promise<void> {
  await w.press(KEY.enter);
  await w.waitFor('Plan');
  await w.press('a', KEY.enter);
  const run = ports.runs[0]!;
  await w.emit(
    run,
    { type: 'run-started', at: at(0), runId: 'r1', stack: 'stickypi', dir: DIR, logPath: LOG, resumed: false, steps: [{ id: 'volumes', title: 'Data folders created', status: 'pending' }, { id: 'pull', title: 'Container images pulled', status: 'pending' }, { id: 'up', title: 'Sticky Pi server started', status: 'pending' }] },
    { type: 'step-skipped', at: at(0), id: 'volumes', title: 'Data folders created', reason: 'the folders exist' },
    { type: 'step-started', at: at(1), id: 'pull', title: 'Container images pulled', attempt: 1, attempts: 1 },
    { type: 'step-output', at: at(2), id: 'pull', stream: 'stderr', line: 'spi_api Pulling fs layer 4f4fb700ef54 with a rather long progress line that will not fit' },
  );
}

describe('at 60 columns', () => {
  it('wraps every screen within the width', async () => {
    const ports = fakePorts();
    const w = await renderWizard(ports, { columns: 60, rows: 24 });
    const from = w.frames().length;
    golden('60/question-text', w.frame());
    await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter, KEY.enter, KEY.enter);
    golden('60/question-choice', w.frame());
    await w.press('?');
    golden('60/question-choice-help', w.frame());
    await w.press('?', 'l', KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter, KEY.enter);
    await w.waitFor('Review');
    golden('60/review', w.frame());
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    golden('60/plan', w.frame());
    await w.press(KEY.esc);
    await reviewToProgress(w, ports);
    golden('60/progress', w.frame());
    await w.finish(ports.runs[0]!, { status: 'failed', failed: { id: 'pull', error: 'exit code 18: pull access denied for spi_api', tail: ['Error response from daemon: pull access denied'] }, logPath: LOG, written: [], notes: [], resumeCommand: RESUME });
    await w.waitFor('Failed');
    golden('60/summary-failed', w.frame());
    // The first frame is drawn before the test narrows the terminal; every later one fits.
    for (const frame of w.frames().slice(from)) expect(widest(frame)).toBeLessThanOrEqual(60);
  });

  it('reflows when the terminal is resized', async () => {
    const w = await renderWizard(fakePorts());
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    expect(widest(w.frame())).toBeGreaterThan(60);
    await w.resize(60, 20);
    expect(widest(w.frame())).toBeLessThanOrEqual(60);
    // Fewer rows: the diff pane gets less.
    expect(w.frame().split('\n').length).toBeLessThanOrEqual(20);
    await w.resize(100, 40);
    expect(w.frame()).toContain('── .env · new · 27 lines ─');
  });
});

describe('without Unicode', () => {
  it('draws every screen in ASCII: > for the pointer, * for a masked secret, + x ~ for the states', async () => {
    const ports = fakePorts();
    const w = await renderWizard(ports, { unicode: false });
    await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter);
    // The machine's message has an en dash: spelled in ASCII.
    await w.press(KEY.ctrlU, '0\r');
    expect(w.frame()).toMatch(/outside\s+1-100000/u);
    await w.press(KEY.ctrlU, '10\r', KEY.enter);
    await w.press(KEY.enter, 's3.example-provider.com\r', KEY.enter, 'AKIA-ascii-key\r');
    await w.type('secret-ascii');
    golden('ascii/question-secret-typed', w.frame());
    expect(w.frame()).toContain('> ************');
    await w.press(KEY.enter);
    for (let i = 0; i < 5; i++) await w.press(KEY.enter);
    await w.waitFor('Review');
    golden('ascii/review', w.frame());
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    golden('ascii/plan', w.frame());
    await w.press(KEY.esc);
    await reviewToProgress(w, ports);
    golden('ascii/progress', w.frame());
    expect(w.frame()).toContain('~ Data folders created | skipped: the folders exist');
    const run = ports.runs[0]!;
    await w.emit(run, { type: 'step-succeeded', at: at(9), id: 'pull', title: 'Container images pulled', seconds: 8 }, { type: 'step-failed', at: at(10), id: 'up', title: 'Sticky Pi server started', seconds: 1, error: 'exit code 1', tail: [] });
    golden('ascii/progress-finished', w.frame());
    await w.finish(run, { status: 'failed', failed: { id: 'up', error: 'exit code 1', tail: ['nginx: [emerg] host not found'] }, logPath: LOG, written: [], notes: [], resumeCommand: RESUME });
    await w.waitFor('Failed');
    golden('ascii/summary-failed', w.frame());
    expect(w.exitCode).toBe(4);
    for (const frame of w.frames()) expect(isAscii(frame), frame).toBe(true);
  });
});

describe('a device question', () => {
  const device: Question = { id: 'data_device', kind: 'device', section: 'Storage', prompt: 'Which disk should hold the data?', help: 'Everything on it is kept; nothing is formatted.', formats: [envFormat] };
  const stack = { ...stickypi, questions: [stickypi.questions[0]!, device, ...stickypi.questions.slice(1)] };
  const DEVICES = [
    { path: '/dev/sda', size: '120G', model: 'QEMU HARDDISK', mounted: '/', filesystem: 'ext4' },
    { path: '/dev/sdb', size: '2T', model: 'WDC WD20EFRX', mounted: undefined, filesystem: undefined },
  ];

  it('lists the disks only once the question is shown, with size, model and what is on them', async () => {
    const ports = fakePorts({ stack, devices: DEVICES });
    const w = await renderWizard(ports);
    expect(ports.deviceLookups).toBe(0);
    await w.press('sticky.example.org\r');
    await w.waitFor('/dev/sdb');
    expect(ports.deviceLookups).toBe(1);
    expect(w.frame()).toContain('› /dev/sda  120G  QEMU HARDDISK  mounted at /, ext4');
    expect(w.frame()).toContain('  /dev/sdb  2T    WDC WD20EFRX   not mounted, no file system');
    golden('question-device', w.frame());
    await w.press(KEY.down, KEY.enter);
    expect(w.frame()).toContain('E-mail address');
    await w.press(KEY.esc);
    await w.waitFor('/dev/sdb');
    expect(w.frame()).toContain('› /dev/sdb');
  });

  it('asks for the path when no disk is listed, and says why', async () => {
    const w = await renderWizard(fakePorts({ stack, devices: new Error('lsblk: not found') }));
    await w.press('sticky.example.org\r');
    await w.waitFor('Could not list the disks');
    expect(w.frame()).toContain('! Could not list the disks (lsblk: not found): type the device\'s path.');
    await w.press('sdb\r');
    expect(w.frame()).toContain('is not an absolute path');
    await w.press(KEY.ctrlU, '/dev/sdb\r');
    expect(w.frame()).toContain('E-mail address');
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
  return { io, stdin, screen: () => plain(written.join('')) };
}

describe('runInkWizard', () => {
  it('draws on the given stdout and returns 130 when the user quits', async () => {
    const { io, stdin, screen } = terminalStreams();
    let result!: Promise<number>;
    await act(async () => {
      result = runInkWizard(fakePorts(), { unicode: true, color: false }, io);
    });
    expect(screen()).toContain('Domain name of the server?');
    await act(async () => stdin.type(KEY.ctrlC));
    await act(async () => stdin.type('y'));
    expect(await result).toBe(130);
  });

  it('rejects when a port fails, for the caller to report', async () => {
    const { io, stdin } = terminalStreams();
    const ports = { ...fakePorts(), preview: () => Promise.reject(new Error('templates/stickypi/env.hbs: not found')) };
    let ended!: Promise<unknown>;
    await act(async () => {
      ended = runInkWizard(ports, { unicode: true, color: false }, io).then((code) => ({ code }), (error: unknown) => ({ error }));
    });
    // A first run with local S3 and every default, to the review screen, then Continue.
    for (const chunk of ['sticky.example.org\r', 'admin@example.org\r', '\r', '\r', '\r', `${KEY.down}\r`, '\r', ...Array<string>(6).fill('\r'), '\r', '\r']) {
      await act(async () => stdin.type(chunk));
    }
    expect(await ended).toEqual({ error: new Error('templates/stickypi/env.hbs: not found') });
  });

  it('refuses a stdin that is not a terminal', async () => {
    const { io } = terminalStreams();
    (io.stdin as { isTTY: boolean }).isTTY = false;
    await expect(runInkWizard(fakePorts(), { unicode: true, color: false }, io)).rejects.toThrow(/needs a terminal/u);
  });
});
