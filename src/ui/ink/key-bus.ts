import type { Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * Every key of the app goes through one bus, so none is lost or handed to a screen that was just replaced
 * (Ink hands keys faster than React renders):
 * - Ink gives a chunk without escape sequences as one event ("abc\r", a paste, or "\r\r" from keys
 *   pressed faster than the terminal is read). The bus splits it at line breaks: text, then Enter.
 * - A field that hands its answer on calls hold(): the keys after it wait until the app has rendered what
 *   follows and its fields have subscribed (release(), from the app's effect after each commit).
 * - The app sees every key first (Ctrl-C, the quit question) and may keep it from the fields.
 */
export interface KeyBus {
  /** One event from Ink's useInput. */
  deliver(input: string, key: Key): void;
  /** Adds a field's handler (read through the ref at each key, so it is always the latest). */
  subscribe(handler: { readonly current: KeyHandler }): () => void;
  hold(): void;
  release(): void;
}

export interface KeyBusOptions {
  /** Sees each key first; true keeps it from the fields. */
  readonly intercept: (input: string, key: Key) => boolean;
  /** Called by hold(): the app must render (and then call release()). */
  readonly onHold: () => void;
}

const LINE_BREAKS = /(\r\n|\r|\n)/u;

/** One event as the keys it stands for: text and Enter in the order typed. */
export function splitKeys(input: string, key: Key): [string, Key][] {
  if (key.return || key.ctrl || key.meta || !LINE_BREAKS.test(input)) return [[input, key]];
  return input
    .split(LINE_BREAKS)
    .filter((part) => part !== '')
    .map((part): [string, Key] => (LINE_BREAKS.test(part) ? ['', { ...key, return: true }] : [part, key]));
}

export function createKeyBus(options: KeyBusOptions): KeyBus {
  const handlers: { readonly current: KeyHandler }[] = [];
  const waiting: [string, Key][] = [];
  let held = false;

  const send = (input: string, key: Key) => {
    if (options.intercept(input, key)) return;
    for (const h of [...handlers]) h.current(input, key);
  };
  const drain = () => {
    while (!held && waiting.length > 0) {
      const [input, key] = waiting.shift()!;
      send(input, key);
    }
  };
  return {
    deliver(input, key) {
      waiting.push(...splitKeys(input, key));
      drain();
    },
    subscribe(handler) {
      handlers.push(handler);
      return () => {
        const at = handlers.indexOf(handler);
        if (at >= 0) handlers.splice(at, 1);
      };
    },
    hold() {
      if (held) return;
      held = true;
      options.onHold();
    },
    release() {
      held = false;
      drain();
    },
  };
}
