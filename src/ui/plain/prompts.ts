import { Writable } from 'node:stream';
import { confirm, input, password, select } from '@inquirer/prompts';
import type { TerminalInfo } from '../terminal-info.js';

/**
 * The plain mode's only contact with @inquirer/prompts: four kinds of prompt on the streams it was given
 * (never process.stdin/stdout by default), themed for the terminal (ASCII glyphs, no colour when asked).
 */

/** The person pressed Ctrl-C at a prompt (or the session ended from outside). */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at a prompt');
    this.name = 'PromptCancelled';
  }
}

export interface PlainIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /**
   * Cancels the prompt on screen when it aborts: the wizard passes one that aborts when the session ends
   * from outside (the CLI turns SIGINT, SIGTERM and SIGHUP into the session's interrupt). Ctrl-C as a key
   * at a prompt needs no signal.
   */
  readonly signal?: AbortSignal;
}

export interface Item<V> {
  readonly value: V;
  readonly label: string;
  /** Shown under the list while this item is highlighted. */
  readonly description?: string;
  /** Shown but cannot be chosen; the text says why. */
  readonly disabled?: string;
}

export interface Prompter {
  /** A line of text; Enter on an empty line takes `default` (shown in brackets). */
  text(message: string, options?: { readonly default?: string }): Promise<string>;
  /** One of the items: by its number or the arrow keys, then Enter. Every item is listed (no scrolling). */
  choose<V>(message: string, items: readonly Item<V>[], options?: { readonly default?: V }): Promise<V>;
  /** Hidden input: nothing of what is typed is shown, not even its length, and it cannot be revealed. */
  secret(message: string): Promise<string>;
  yesNo(message: string, options: { readonly default: boolean }): Promise<boolean>;
  /** Stops watching the input for its end. */
  close(): void;
}

/** What @inquirer/prompts throws on Ctrl-C (ExitPromptError) or when the context's signal aborts (AbortPromptError). */
const isPromptExit = (error: unknown): boolean => error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');

/**
 * A fresh writable per prompt, forwarding to the real output. An @inquirer prompt pipes its own stream into
 * the output it is given and ends it when the prompt is done, which would end anything but stdout/stderr
 * (Node exempts only those from `pipe`'s end): this keeps the real output open for the next line.
 */
function promptOutput(out: NodeJS.WritableStream): NodeJS.WritableStream {
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      try {
        out.write(chunk);
      } catch {
        // A terminal that went away (EIO after a dropped SSH session): the prompt's own input ends it.
      }
      callback();
    },
  });
  // The prompt wraps lines at the terminal's width: let it see the real one.
  for (const key of ['columns', 'rows', 'isTTY'] as const) {
    Object.defineProperty(sink, key, { get: () => (out as unknown as Record<string, unknown>)[key] });
  }
  return sink;
}

function themeFor(terminal: TerminalInfo) {
  const same = (text: string) => text;
  const done = terminal.unicode ? '\u2714' : '>';
  const cursor = terminal.unicode ? '\u276f' : '>';
  const tip = 'Type a number or use the arrow keys, then press Enter.';
  const glyphs = {
    prefix: { idle: '?', done },
    icon: { cursor },
    ...(terminal.unicode ? {} : { spinner: { interval: 80, frames: ['-', '\\', '|', '/'] } }),
  };
  if (terminal.color) return { ...glyphs, style: { keysHelpTip: () => tip } };
  return {
    ...glyphs,
    style: {
      answer: same,
      message: same,
      error: (text: string) => `> ${text}`,
      defaultAnswer: (text: string) => `(${text})`,
      help: same,
      highlight: same,
      key: (text: string) => `<${text}>`,
      description: same,
      disabled: same,
      keysHelpTip: () => tip,
      confirmDefault: (text: string) => text.toUpperCase(),
    },
  };
}

export function createPrompter(terminal: TerminalInfo, io: PlainIo, ascii: (text: string) => string): Prompter {
  const theme = themeFor(terminal);
  // An input that ends (the terminal went away) leaves an @inquirer prompt waiting for ever, and the
  // process would then exit 0 as if all went well: an ended input cancels the prompt instead.
  const ended = new AbortController();
  const onEnd = () => ended.abort();
  io.input.once('end', onEnd);
  io.input.once('close', onEnd);
  const signal = io.signal ? AbortSignal.any([io.signal, ended.signal]) : ended.signal;
  const context = () => ({ input: io.input, output: promptOutput(io.output), signal });
  const run = async <T>(prompt: () => Promise<T>): Promise<T> => {
    try {
      return await prompt();
    } catch (error) {
      if (isPromptExit(error)) throw new PromptCancelled();
      throw error;
    }
  };
  return {
    text: (message, options = {}) =>
      run(() => input({ message: ascii(message), ...(options.default !== undefined ? { default: options.default } : {}), theme }, context())),
    choose: <V>(message: string, items: readonly Item<V>[], options: { readonly default?: V } = {}) =>
      run(() =>
        select<V>(
          {
            message: ascii(message),
            choices: items.map((i) => ({
              value: i.value,
              name: ascii(i.label),
              ...(i.description !== undefined ? { description: ascii(i.description) } : {}),
              ...(i.disabled !== undefined ? { disabled: ascii(i.disabled) } : {}),
            })),
            ...('default' in options ? { default: options.default as V } : {}),
            pageSize: items.length,
            loop: false,
            theme: { ...theme, indexMode: 'number' as const },
          },
          context(),
        ),
      ),
    secret: (message) => run(() => password({ message: ascii(message), toggleMask: false, theme }, context())),
    yesNo: (message, options) => run(() => confirm({ message: ascii(message), default: options.default, theme }, context())),
    close() {
      io.input.removeListener('end', onEnd);
      io.input.removeListener('close', onEnd);
    },
  };
}
