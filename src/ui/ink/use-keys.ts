import { useEffect, useRef } from 'react';
import type { KeyHandler } from './key-bus.js';
import { useUi } from './ui-context.js';

export type { KeyHandler } from './key-bus.js';

/**
 * A field's keys, from the app's key bus (never Ink's useInput directly: see key-bus.ts). The handler is
 * read at each key, so it may close over the latest render; still, values it changes must live in refs,
 * because several keys can arrive before React renders again. A field that hands its answer on (or goes
 * back) calls `keys.hold()`, so the keys after it go to the screen that follows.
 */
export function useKeys(handler: KeyHandler, options: { readonly isActive: boolean }): void {
  const { keys } = useUi();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => (options.isActive ? keys.subscribe(latest) : undefined), [keys, options.isActive]);
}
