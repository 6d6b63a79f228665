import { useStdout } from 'ink';
import { useLayoutEffect, type ReactNode } from 'react';

/** Terminals mark a paste with ESC [200~ ... ESC [201~ while a program asks for it with this mode. */
export const BRACKETED_PASTE_ON = '\u001B[?2004h';
export const BRACKETED_PASTE_OFF = '\u001B[?2004l';

/**
 * Bracketed paste while the wizard is drawn, so that a pasted line arrives as text (keys.ts): its line
 * break does not submit the field, and Ctrl-C or Esc inside it do nothing. Ink does not ask for it.
 *
 * The mode belongs to the terminal and outlives the program: left on, the shell after it would see
 * ESC [200~ around every paste. So it is turned off when Ink unmounts the tree, whatever ends it: the
 * session's end, an error, or Ink's own exit hook (a second Ctrl-C or SIGTERM exits the process, and Ink
 * unmounts on the way out). A layout effect's cleanup runs during that synchronous unmount.
 */
export function BracketedPaste({ children }: { readonly children: ReactNode }) {
  const { stdout } = useStdout();
  useLayoutEffect(() => {
    stdout.write(BRACKETED_PASTE_ON);
    return () => {
      stdout.write(BRACKETED_PASTE_OFF);
    };
  }, [stdout]);
  return children;
}

/**
 * The stream with a usable size: a terminal that reports 0 columns or rows (a serial console, `stty cols 0`)
 * counts as 80x24. Ink lays out at `stdout.columns` when it is not 0, and otherwise asks the terminal
 * again (which says 0 again): the screen would be drawn one character per line.
 */
export function withUsableSize(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'columns') return target.columns || 80;
      if (property === 'rows') return target.rows || 24;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
