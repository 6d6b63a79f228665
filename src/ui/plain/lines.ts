import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { plainText, withoutEscapes } from './text.js';
import { setImmediate as turn } from 'node:timers/promises';

/** The person pressed Ctrl-C at a prompt, the input ended, or the session ended from outside. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at a prompt');
    this.name = 'PromptCancelled';
  }
}

/**
 * The question a prompt waits on is no longer asked (the session moved on without its answer: a signal
 * answered it). Only that read ends: the next prompt reads on.
 */
export class PromptWithdrawn extends Error {
  constructor() {
    super('the question was withdrawn');
    this.name = 'PromptWithdrawn';
  }
}

/** One line read: its text, and whether the terminal showed it (with its Enter) right where it was typed. */
export interface Line {
  readonly text: string;
  /**
   * True when the line was typed at the prompt on a terminal with echo: the terminal itself showed it and
   * moved to the next line. False for a line typed ahead (shown earlier, before its prompt), a hidden one
   * (echo was off: not even the Enter showed) and input that is not a terminal (nothing showed).
   */
  readonly shown: boolean;
}

/**
 * Every line the person types in line mode, for the whole session: one node:readline in non-terminal mode
 * on the given input, so it writes nothing (no prompt redraw, no cursor movement) and the terminal's own
 * line editing (the kernel's cooked mode: echo, Backspace, Ctrl-U) does the typing. Lines that arrive
 * while no prompt waits are queued and answer the next prompts in order: typing ahead loses nothing.
 */
export interface LineReader {
  /**
   * The next line: the oldest one typed ahead, else the next one typed. `hidden`: on a terminal, echo is
   * off from this call on, until the line is read (raw mode, which prints nothing: it is a terminal
   * setting, not an escape sequence); so call it before writing the prompt.
   * Rejects with PromptCancelled on Ctrl-C, at the end of the input (once the lines before it are read)
   * and when the reader's signal aborts; with PromptWithdrawn when this read's own `withdrawn` aborts.
   */
  read(options: { readonly hidden: boolean; readonly withdrawn?: AbortSignal | undefined }): Promise<Line>;
  /** Forgets the lines typed ahead, and says how many: for a question only a line typed at it may answer. */
  discardTypedAhead(): number;
  /**
   * While steps run: Ctrl-C calls `onCtrlC` instead of cancelling. A terminal is put in raw mode so that
   * Ctrl-C reaches us as a byte and not as SIGINT to the whole process group, the steps' children too
   * (which must be stopped cleanly, by the runner). Returns the function that ends this.
   */
  whileRunning(onCtrlC: () => void, onKey?: (text: string) => void): () => void;
  /** Stops reading (the input is paused, so it no longer keeps the process alive) and restores the terminal. */
  close(): void;
}

type TtyInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const CTRL_C = '\x03';
const CTRL_D = '\x04';

export function createLineReader(input: NodeJS.ReadableStream, signal?: AbortSignal): LineReader {
  const tty = input as TtyInput;
  const isTty = tty.isTTY === true && typeof tty.setRawMode === 'function';
  const queue: string[] = [];
  let waiting: { resolve: (line: Line) => void; reject: (error: Error) => void } | undefined;
  let cancelled: PromptCancelled | undefined;
  let ended = false;
  let raw = false;
  let onCtrlC: (() => void) | undefined;
  let onKey: ((text: string) => void) | undefined;

  const setRaw = (on: boolean) => {
    if (!isTty || raw === on) return;
    try {
      tty.setRawMode!(on);
    } catch {
      // A terminal that went away (EIO after a dropped SSH session): the input's end follows.
    }
    raw = on;
  };
  const cancel = () => {
    cancelled ??= new PromptCancelled();
    setRaw(false);
    const w = waiting;
    waiting = undefined;
    w?.reject(cancelled);
  };

  // readline reads what this passes on: Enter in raw mode is a CR, and a CR followed by the LF of the next
  // Enter in cooked mode would be taken for one CRLF, losing that Enter. From a terminal each CR is an Enter.
  const feed = new PassThrough();
  // crlfDelay: a CR and the LF after it are one line end, however far apart they arrive (a CRLF file).
  const rl = createInterface({ input: feed, terminal: false, crlfDelay: Infinity });
  rl.on('line', (line: string) => {
    // In raw mode (a hidden entry, or steps running) the terminal did no editing: Backspace is a byte here.
    const text = raw ? edited(line) : line;
    const w = waiting;
    if (!w) {
      queue.push(text);
      return;
    }
    const shown = isTty && !raw;
    waiting = undefined;
    setRaw(false);
    w.resolve({ text, shown });
  });
  rl.on('close', () => {
    ended = true;
    if (waiting) cancel();
  });
  // Ctrl-C arrives as a byte when the terminal is in raw mode (and from anything that is not a terminal);
  // in cooked mode the terminal turns it into SIGINT, which the CLI hands to the session instead.
  // A character's bytes may come in two chunks: decoded across them.
  const decoder = new StringDecoder('utf8');
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text.includes(CTRL_C)) {
      if (onCtrlC) onCtrlC();
      else cancel();
      return;
    }
    // While steps run no question is open: a key answers the stop question, if one was asked.
    if (onCtrlC) {
      onKey?.(text);
      return;
    }
    if (raw && waiting && text.includes(CTRL_D)) cancel(); // Ctrl-D: the end of input, as cooked mode has it
    else feed.write(isTty ? text.replace(/\r/g, '\n') : text);
  };
  const onEnd = () => {
    if (!feed.writableEnded) feed.end();
  };
  input.on('data', onData);
  input.once('end', onEnd);
  input.once('close', onEnd);
  signal?.addEventListener('abort', cancel, { once: true });

  return {
    async read({ hidden, withdrawn }) {
      // At once, before the caller writes its prompt (this runs up to the first await): echo off.
      if (hidden && !cancelled) setRaw(true);
      // A terminal in cooked mode hands over one line per read, and Node reads once per turn of its event
      // loop: lines typed before this prompt was written may still be in the terminal. Two turns let the
      // next one in, so that it counts as typed ahead (shown earlier, so put after its prompt) rather than
      // as typed here. A person typing takes far longer than two turns.
      if (isTty && queue.length === 0 && !cancelled) {
        await turn();
        await turn();
      }
      if (cancelled) throw cancelled;
      if (withdrawn?.aborted) {
        setRaw(false);
        throw new PromptWithdrawn();
      }
      const next = queue.shift();
      if (next !== undefined) {
        setRaw(false);
        return { text: next, shown: false };
      }
      if (ended) {
        cancel();
        throw cancelled!;
      }
      return new Promise<Line>((resolve, reject) => {
        const mine = { resolve, reject };
        waiting = mine;
        withdrawn?.addEventListener('abort', () => {
          if (waiting !== mine) return;
          waiting = undefined;
          setRaw(false);
          reject(new PromptWithdrawn());
        }, { once: true });
      });
    },
    discardTypedAhead() {
      return queue.splice(0).length;
    },
    whileRunning(callback, keyCallback) {
      onCtrlC = callback;
      onKey = keyCallback;
      setRaw(true);
      return () => {
        onCtrlC = undefined;
        onKey = undefined;
        setRaw(false);
      };
    },
    close() {
      signal?.removeEventListener('abort', cancel);
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('close', onEnd);
      cancelled ??= new PromptCancelled();
      setRaw(false);
      rl.close();
      input.pause();
    },
  };
}

/**
 * A line typed in raw mode, edited as the terminal would have: Backspace removes a character, Ctrl-U
 * the line, Ctrl-W a word; other control characters and escape sequences (arrow keys) are dropped.
 */
export function edited(line: string): string {
  let out: string[] = [];
  for (const ch of withoutEscapes(line)) {
    if (ch === '\x7f' || ch === '\b') out.pop();
    else if (ch === '\x15') out = [];
    else if (ch === '\x17') {
      while (out.length > 0 && out[out.length - 1] === ' ') out.pop();
      while (out.length > 0 && out[out.length - 1] !== ' ') out.pop();
    } else if (ch >= ' ' || ch === '\t') out.push(ch);
  }
  return out.join('');
}

/** A line typed in cooked mode without what the terminal passes through as is: arrow keys, Esc, controls. */
export function typedText(line: string): { readonly text: string; readonly keysOnly: boolean } {
  const text = plainText(line);
  return { text, keysOnly: text.trim() === '' && line.trim() !== '' };
}
