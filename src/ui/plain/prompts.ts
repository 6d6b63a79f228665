import { parseYesNo } from '../../core/questions/kinds/boolean.js';
import { createLineReader, typedText, type Line } from './lines.js';

export { PromptCancelled, PromptWithdrawn } from './lines.js';

/**
 * The plain mode's way of asking: a prompt line, then one line read (src/ui/plain/lines.ts). Nothing is
 * redrawn and no cursor moves: each prompt is written once, as text, so a serial console keeps a clean
 * transcript and a screen reader says each prompt once. The input marker is `>`; a problem is a line of
 * its own starting with `[!]`, and the prompt is asked again below it.
 */

export interface PlainIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /**
   * Cancels the prompt waiting when it aborts: the wizard passes one that aborts when the session ends
   * from outside (the CLI turns SIGINT, SIGTERM and SIGHUP into the session's interrupt).
   */
  readonly signal?: AbortSignal;
}

export interface Item<V> {
  readonly value: V;
  readonly label: string;
  /** Said after the label, on the same line. */
  readonly description?: string;
  /** Listed but cannot be chosen; the text says why. */
  readonly disabled?: string;
  /** Typed instead of its number, also picks the item (any case): a choice's value, say. */
  readonly key?: string;
  /**
   * Typed instead of a number, this word picks the item, which is then not listed: `?` (help) and `<`
   * (back) are the same everywhere, so they are explained once, at the start, not under every list.
   */
  readonly word?: string;
}

/** `withdrawn`: ends the prompt (PromptWithdrawn) when its question is no longer asked. */
interface Withdrawable {
  readonly withdrawn?: AbortSignal;
}

export interface Prompter {
  /** A line of text; Enter on an empty line takes `default` (shown in brackets). */
  text(message: string, options?: { readonly default?: string } & Withdrawable): Promise<string>;
  /** One of the items, numbered from 1: by its number, its label or its value (any case). */
  choose<V>(message: string, items: readonly Item<V>[], options?: { readonly default?: V }): Promise<V>;
  /** Hidden input on a terminal: nothing of what is typed is shown, not even its length. */
  secret(message: string): Promise<string>;
  /** y, yes, n or no, in any case (the boolean kind's own reading); Enter takes `default`. */
  yesNo(message: string, options: { readonly default: boolean } & Withdrawable): Promise<boolean>;
  /** Forgets the lines typed ahead (see LineReader), and says how many. */
  discardTypedAhead(): number;
  /** While steps run: Ctrl-C calls `onCtrlC`. Returns the function that ends this. */
  whileRunning(onCtrlC: () => void, onKey?: (text: string) => void): () => void;
  /** Stops reading the input. */
  close(): void;
}

/** Where the prompter writes: whole lines, and a prompt left open for the answer. Neither ever throws. */
export interface PromptOutput {
  readonly say: (line?: string) => void;
  readonly put: (text: string) => void;
}

const MARK = '>';
export const PROBLEM = '[!]';

export function createPrompter(io: PlainIo, out: PromptOutput): Prompter {
  const reader = createLineReader(io.input, io.signal);

  /** Writes the prompt, reads its answer, and ends the prompt's line if the terminal did not. */
  async function answer(prompt: string, hidden: boolean, withdrawn?: AbortSignal): Promise<Line> {
    // Asked before the prompt is written: for a hidden entry echo is off before anything can be typed at it.
    const reading = reader.read({ hidden, withdrawn });
    out.put(prompt);
    // Withdrawn, nothing more is read at this prompt: its line ends at once, before anything else is said.
    const endLine = () => out.say('');
    withdrawn?.addEventListener('abort', endLine, { once: true });
    let line: Line;
    try {
      line = await reading;
    } finally {
      withdrawn?.removeEventListener('abort', endLine);
    }
    // Never the text of a hidden entry; a line typed ahead is put after its prompt, where it belongs.
    if (hidden) out.say('');
    else if (!line.shown) out.say(typedText(line.text).text);
    return line;
  }

  /** A typed answer without keys that mean nothing here; arrow keys or Esc alone get a word of advice. */
  async function typed(prompt: string, withdrawn?: AbortSignal): Promise<string> {
    for (;;) {
      const { text, keysOnly } = typedText((await answer(prompt, false, withdrawn)).text);
      if (!keysOnly) return text;
      out.say(`${PROBLEM} Arrow keys and Esc do nothing here: type the answer, ? for help or < to go back, then press Enter.`);
    }
  }

  return {
    async text(message, options = {}) {
      const def = options.default;
      const text = await typed(`${message}${def !== undefined ? ` [${def}]` : ''} ${MARK} `, options.withdrawn);
      return text.trim() === '' && def !== undefined ? def : text;
    },

    async choose<V>(message: string, items: readonly Item<V>[], options: { readonly default?: V } = {}) {
      const listed = items.filter((i) => i.word === undefined);
      const list = () => listed.forEach((item, n) => out.say(`  ${n + 1}. ${item.label}${item.disabled !== undefined ? ` ${item.disabled}` : item.description !== undefined ? `: ${item.description}` : ''}`));
      out.say(message);
      list();
      const defaultAt = 'default' in options ? listed.findIndex((i) => i.value === options.default) + 1 : 0;
      const range = listed.length === 1 ? '1' : `a number from 1 to ${listed.length}`;
      for (;;) {
        const answer = (await typed(`Type ${listed.length === 1 ? '1' : `1-${listed.length}`}${defaultAt > 0 ? ` [${defaultAt}]` : ''} ${MARK} `)).trim();
        if (answer === '' && defaultAt > 0) return listed[defaultAt - 1]!.value;
        const byWord = items.find((i) => i.word !== undefined && i.word === answer);
        if (byWord) return byWord.value;
        const folded = answer.toLowerCase();
        const named = (i: Item<V>) => [i.label, i.key, typeof i.value === 'string' ? i.value : undefined].some((name) => name?.toLowerCase() === folded);
        const pick = /^\d+$/.test(answer) ? listed[Number(answer) - 1] : listed.find(named);
        if (pick?.disabled !== undefined) out.say(`${PROBLEM} "${pick.label}" cannot be chosen ${pick.disabled}: type ${range}.`);
        else if (pick) return pick.value;
        else if (answer === '?') list(); // a list without help of its own: `?` shows it again
        else if (answer === '') out.say(`${PROBLEM} Nothing was typed: type ${range}.`);
        else out.say(`${PROBLEM} "${answer}" is not one of the choices: type ${range}.`);
      }
    },

    async secret(message) {
      return (await answer(`${message} ${MARK} `, true)).text;
    },

    async yesNo(message, options) {
      for (;;) {
        const answer = await typed(`${message} (yes/no) [${options.default ? 'yes' : 'no'}] ${MARK} `, options.withdrawn);
        if (answer.trim() === '') return options.default;
        const parsed = parseYesNo(answer);
        if ('value' in parsed) return parsed.value;
        out.say(`${PROBLEM} ${parsed.error}.`);
      }
    },

    discardTypedAhead: () => reader.discardTypedAhead(),
    whileRunning: (onCtrlC, onKey) => reader.whileRunning(onCtrlC, onKey),
    close: () => reader.close(),
  };
}
