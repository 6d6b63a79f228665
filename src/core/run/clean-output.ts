/**
 * Child output made safe to show and log line by line: escape sequences (colours, cursor moves, screen
 * clears, titles) are removed, a carriage return keeps only what was written last on the line (progress
 * bars redraw that way), and other control characters are dropped. Tabs stay.
 */
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function cleanLine(raw: string): string {
  const noEscapes = raw.replace(ESCAPES, '');
  const lastRedraw = noEscapes.split('\r').filter((part) => part !== '').pop() ?? '';
  return lastRedraw.replace(CONTROLS, '').trimEnd();
}

/** Splits a stream into cleaned lines across chunk boundaries. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const part of parts) onLine(cleanLine(part));
    },
    end() {
      if (pending !== '') onLine(cleanLine(pending));
      pending = '';
    },
  };
}
