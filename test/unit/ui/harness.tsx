import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { act } from 'react';
import type { RunEvent } from '../../../src/core/run/events.js';
import type { RunOutcome } from '../../../src/core/session/outcome.js';
import { App } from '../../../src/ui/ink/index.js';
import { expectGolden } from '../../helpers/golden.js';
import type { Script, ScriptedRun } from './scripted-session.js';

/**
Renders the Ink wizard with ink-testing-library, every render, key, effect result and unmount inside
React's act(), so that React has rendered everything before the test looks at the frame. Ink must not
think it runs in CI (it would then print only the last frame): it reads that once, when it is imported, so
each test file sets CI=false in vi.hoisted, before ink is imported.
*/
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

/** The clock the app sees: 30 s after the scripted runs start (see at()). */
export const NOW = Date.parse('2026-11-23T10:00:30.000Z');
/** A timestamp `seconds` after the scripted runs start. */
export const at = (seconds: number): string => new Date(Date.parse('2026-11-23T10:00:00.000Z') + seconds * 1000).toISOString();

/** A frame as people see it: no escape codes, no trailing spaces. */
export const plain = (frame: string | undefined): string =>
  stripVTControlCharacters(frame ?? '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/u, '');

/** Compares a frame with snapshots/ui/<name>.txt (FIELDSTATION_UPDATE_SNAPSHOTS=1 rewrites it). */
export const golden = (name: string, frame: string): void => expectGolden(`ui/${name}.txt`, `${frame}\n`);

/** A frame's text with every run of white space as one space, for sentences that wrap. */
export const flat = (frame: string): string => frame.replace(/\s+/gu, ' ');

export interface Wizard {
  /** The last frame, plain. */
  frame(): string;
  /** Every frame written so far, plain. */
  frames(): string[];
  /** The last frame as written, escape codes and all. */
  rawFrame(): string;
  /** Each argument is one stdin chunk, written in its own act() (so React renders between them). */
  press(...chunks: string[]): Promise<void>;
  /** All chunks written in ONE act(): they reach the handlers before React renders again, like fast typing. */
  burst(...chunks: string[]): Promise<void>;
  /** Types text one character per chunk. */
  type(text: string): Promise<void>;
  /** Waits (a bounded number of event-loop turns, inside act) until the frame contains `text`. */
  waitFor(text: string | RegExp): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  /** Runs what an effect would do (a run's preflight, a held load, a signal's interrupt) inside act(). */
  act(f: () => void): Promise<void>;
  /** Hands the app the runner's events (in act(), as the runner would between keys). */
  emit(run: ScriptedRun, ...events: RunEvent[]): Promise<void>;
  /** Ends a scripted install or resume with this outcome. */
  finish(run: ScriptedRun, outcome: RunOutcome): Promise<void>;
  /** The exit code the session ended with, once it has ended. */
  readonly exitCode: number | undefined;
  unmount(): Promise<void>;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderWizard(script: Script, options: { unicode?: boolean; color?: boolean; columns?: number; rows?: number } = {}): Promise<Wizard> {
  let exitCode: number | undefined;
  void script.session.done.then((code) => (exitCode = code), () => undefined);
  let r!: ReturnType<typeof render>;
  await act(async () => {
    r = render(<App session={script.session} terminal={{ unicode: options.unicode ?? true, color: options.color ?? false }} now={() => NOW} animate={false} />);
    // The scripted load answers on the next microtask: the first question is on screen when this returns.
    await turn();
  });
  const resize = async (columns: number, rows: number) => {
    Object.defineProperty(r.stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
    await act(async () => {
      r.stdout.emit('resize');
    });
  };
  await resize(options.columns ?? 80, options.rows ?? 24);
  const frame = () => plain(r.lastFrame());
  const inAct = async (f: () => void) => {
    await act(async () => {
      f();
      await turn();
    });
  };
  const w: Wizard = {
    frame,
    frames: () => r.frames.map(plain),
    rawFrame: () => r.lastFrame() ?? '',
    async press(...chunks) {
      for (const chunk of chunks) {
        await act(async () => {
          r.stdin.write(chunk);
          // A lone Esc is held by Ink until the next turn of the event loop, in case a sequence follows.
          await turn();
        });
      }
    },
    async burst(...chunks) {
      await act(async () => {
        for (const chunk of chunks) r.stdin.write(chunk);
        await turn();
      });
    },
    async type(text) {
      for (const ch of text) await w.press(ch);
    },
    async waitFor(text) {
      for (let i = 0; i < 50; i++) {
        const f = frame();
        if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
        await act(async () => {
          await turn();
        });
      }
      throw new Error(`the frame never showed ${String(text)}; last frame:\n${frame()}`);
    },
    resize,
    act: inAct,
    emit: (run, ...events) => inAct(() => run.emit(...events)),
    finish: (run, outcome) => inAct(() => run.finish(outcome)),
    get exitCode() {
      return exitCode;
    },
    async unmount() {
      await act(async () => {
        r.unmount();
      });
    },
  };
  return w;
}

/**
 * Answers a first run up to the review screen: local storage, every default, every secret generated, and
 * alerts on (Beacon warns that alerts need the remote archive: the plan then has a warning).
 */
export async function answerToReview(w: Wizard): Promise<void> {
  await w.press('north-ridge\r', 'beacon.example.org\r', KEY.enter, KEY.enter, KEY.enter);
  await w.press(KEY.up, KEY.enter); // alerts: Yes
  await w.press(KEY.enter, KEY.enter); // generated secrets
  await w.waitFor('Review: Enter on an answer changes it.');
}
