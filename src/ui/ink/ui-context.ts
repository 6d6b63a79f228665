import { createContext, useContext } from 'react';
import type { KeyBus } from './key-bus.js';
import type { Theme } from './theme.js';

/** What every screen needs from the app: how to draw, how much room there is, and the keys. */
export interface Ui {
  readonly theme: Theme;
  /** The terminal's size now; screens re-render when it changes. */
  readonly columns: number;
  readonly rows: number;
  /** The app's keys (see key-bus.ts): fields subscribe with useKeys and hold() after handing an answer on. */
  readonly keys: KeyBus;
  /** Each list's highlighted item by the list's name, for as long as the app runs (Select's `remember`). */
  readonly cursors: Map<string, string>;
  /** Spinners and running clocks move (off in tests, for stable frames). */
  readonly animate: boolean;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

export const UiContext = createContext<Ui | undefined>(undefined);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi() outside <App>: render screens inside the App component');
  return ui;
}
