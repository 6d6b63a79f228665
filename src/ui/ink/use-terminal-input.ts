import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';

/**
 * What the terminal sends, as Ink reads it: each escape sequence on its own and each run between them
 * whole, before Ink's useInput makes one key of it (which loses Backspace and Ctrl-U inside a run, and
 * Ctrl-J). The key bus cuts it into keys. Raw mode is on while this is mounted, as with useInput.
 *
 * Ink's `internal_eventEmitter` is the stream useInput itself listens to; it is part of Ink's typed
 * StdinContext. Ink is pinned to 6.x; the key tests fail if it ever stops carrying the input.
 */
export function useTerminalInput(onInput: (chunk: string) => void): void {
  const { internal_eventEmitter: events, setRawMode } = useStdin();
  const latest = useRef(onInput);
  latest.current = onInput;
  useEffect(() => {
    const listener = (chunk: string | Buffer) => latest.current(String(chunk));
    setRawMode(true);
    events.on('input', listener);
    return () => {
      events.removeListener('input', listener);
      setRawMode(false);
    };
  }, [events, setRawMode]);
}
