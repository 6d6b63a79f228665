import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { act } from 'react';
import { App } from '../../src/ui/ink/index.js';
import { expectGolden } from '../helpers/golden.js';
import type { RunEvent } from '../../src/core/run/events.js';
import type { ApplyOutcome, WizardPorts } from '../../src/ui/ports.js';

/**
Renders the Ink wizard with ink-testing-library, every render, key and unmount inside React's act()
(ecosystem.md §4.1). Ink must not think it runs in CI (it would only print the last frame): each test
file sets CI=false in vi.hoisted, before ink is imported (ecosystem.md §4.2).
*/
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const KEY = {
  enter: '\r',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
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
  /** Hands the app runner events (in act(), as the runner would between keys). */
  emit(run: { emit(...events: RunEvent[]): void }, ...events: RunEvent[]): Promise<void>;
  /** Ends a scripted apply or resume with this outcome. */
  finish(run: { finish(outcome: ApplyOutcome): void }, outcome: ApplyOutcome): Promise<void>;
  /** The exit code the app reported, once it has ended. */
  readonly exitCode: number | undefined;
  unmount(): Promise<void>;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderWizard(ports: WizardPorts, options: { unicode?: boolean; color?: boolean; columns?: number; rows?: number; signal?: AbortSignal } = {}): Promise<Wizard> {
  let exitCode: number | undefined;
  let r!: ReturnType<typeof render>;
  await act(async () => {
    r = render(<App ports={ports} terminal={{ unicode: options.unicode ?? true, color: options.color ?? false }} onExit={(code) => (exitCode = code)} now={() => NOW} animate={false} signal={options.signal} />);
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
    async emit(run, ...events) {
      await act(async () => {
        run.emit(...events);
      });
    },
    async finish(run, outcome) {
      await act(async () => {
        run.finish(outcome);
        await turn();
      });
    },
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

/** Answers a first run with local S3, every default and every secret generated, up to the review screen. */
export async function answerToReview(w: Wizard): Promise<void> {
  await w.press('sticky.example.org\r', 'admin@example.org\r', KEY.enter, KEY.enter, KEY.enter);
  await w.press(KEY.down, KEY.enter, KEY.enter); // local S3, default bucket
  for (let i = 0; i < 6; i++) await w.press(KEY.enter); // generated secrets
  await w.press(KEY.enter); // no first user
  await w.waitFor('Review: Enter on an answer changes it.');
}
