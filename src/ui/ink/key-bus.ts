import { createKeyReader, type Key, type KeyPress } from './keys.js';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * Every key of the app goes through one bus, so none is lost, reordered or handed to a screen that was
 * just replaced (Ink hands over input faster than React renders):
 * - What the terminal sent is cut into keys (keys.ts): a burst from a slow link ("\x15/tmp/x\r": Ctrl-U,
 *   text, Enter) is every one of its keys, in order; a bracketed paste is one key.
 * - A field that hands its answer on calls hold(): the keys after it wait until the app has rendered what
 *   follows and its fields have subscribed (release(), from the app's effect after each commit).
 * - The app sees every key first (Ctrl-C, the quit question) and may keep it from the fields.
 * Handlers must keep what they change in refs: several keys reach them before React renders again.
 */
export interface KeyBus {
  /** What the terminal sent (one event from Ink's stdin). */
  deliver(chunk: string): void;
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

export function createKeyBus(options: KeyBusOptions): KeyBus {
  const reader = createKeyReader();
  const handlers: { readonly current: KeyHandler }[] = [];
  const waiting: KeyPress[] = [];
  let held = false;

  const send = ({ input, key }: KeyPress) => {
    if (options.intercept(input, key)) return;
    for (const h of [...handlers]) h.current(input, key);
  };
  const drain = () => {
    while (!held && waiting.length > 0) send(waiting.shift()!);
  };
  return {
    deliver(chunk) {
      waiting.push(...reader.push(chunk));
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
