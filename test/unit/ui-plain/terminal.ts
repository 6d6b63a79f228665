import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

/**
 * A scripted input and output for the plain wizard: keystrokes go in through a PassThrough (bytes, read
 * by the wizard's line reader exactly as from a pipe), and everything written comes out in `raw` (as
 * written: it must hold no escape sequence) and `text` (with any stripped, to show a failure readably).
 *
 * No fake TTY: not being a terminal, the input has no echo, so the wizard puts each answer after its
 * prompt itself, and the transcript reads as a session would. Ctrl-C arrives as the byte 0x03, as a
 * terminal in raw mode sends it. Lines typed before their prompt wait in the line reader, so `answer`
 * waits for a prompt only to keep the test readable. Waiting is for text, never for time: if the wizard
 * ends first, the wait fails with the whole transcript. Real terminals (echo, raw mode for hidden input,
 * SIGINT) are tested under tmux in test/integration/stacks/stickypi/wizard-line-mode.test.ts.
 */
export class ScriptedTerminal {
  readonly input = new PassThrough();
  readonly output: Writable;
  #raw = '';
  #cursor = 0;
  #wake: (() => void)[] = [];
  #ended: { code?: number; error?: unknown } | undefined;

  constructor() {
    this.output = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        this.#raw += chunk.toString();
        for (const wake of [...this.#wake]) wake();
        callback();
      },
    });
  }

  get raw(): string {
    return this.#raw;
  }

  get text(): string {
    return stripVTControlCharacters(this.#raw);
  }

  /** The wizard's run: a wait that can no longer succeed fails as soon as it ends. */
  watch(run: Promise<number>): Promise<number> {
    run.then(
      (code) => this.#end({ code }),
      (error: unknown) => this.#end({ error }),
    );
    return run;
  }

  #end(how: { code?: number; error?: unknown }) {
    this.#ended = how;
    for (const wake of [...this.#wake]) wake();
  }

  /** Waits until `what` is printed after everything waited for before, and moves past it. */
  waitFor(what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const text = this.text;
        const at = text.indexOf(what, this.#cursor);
        if (at >= 0) {
          this.#cursor = at + what.length;
          this.#wake = this.#wake.filter((w) => w !== check);
          resolve();
        } else if (this.#ended) {
          this.#wake = this.#wake.filter((w) => w !== check);
          const how = this.#ended.error !== undefined ? `threw ${String(this.#ended.error)}` : `returned ${this.#ended.code}`;
          reject(new Error(`the wizard ${how} before printing ${JSON.stringify(what)}; after the last match it printed:\n${text.slice(this.#cursor)}`));
        }
      };
      this.#wake.push(check);
      check();
    });
  }

  /** Waits for a prompt, then types `keys` (e.g. "north-ridge\r", "2\r", "\r" for the default). */
  async answer(prompt: string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.input.write(keys);
  }
}

export const ENTER = '\r';
export const CTRL_C = '\x03';
