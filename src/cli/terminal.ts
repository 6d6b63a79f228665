import { isatty } from 'node:tty';
import type { TerminalInfo } from '../ui/terminal-info.js';

type Env = Readonly<Record<string, string | undefined>>;

export const isCI = (env: Env): boolean => env['CI'] !== undefined && env['CI'] !== '' && env['CI'] !== '0' && env['CI'] !== 'false';

/**
 * The terminal, judged once: may we ask questions, may the screen redraw, which glyphs and colours.
 * Unicode needs a UTF-8 locale and not the Linux console (whose font lacks most symbols); colour follows
 * NO_COLOR (turned into FORCE_COLOR=0 by bin) and whether stdout is a terminal.
 */
export function detectTerminal(env: Env): TerminalInfo & { interactive: boolean; redraw: boolean } {
  const interactive = isatty(0) && isatty(1);
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  const unicode = env['TERM'] !== 'linux' && /utf-?8/i.test(locale);
  const color = isatty(1) && env['FORCE_COLOR'] !== '0' && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
  // Redrawing screens needs a capable terminal; CI makes Ink print only its last frame.
  const redraw = interactive && env['TERM'] !== 'dumb' && !isCI(env);
  return { interactive, redraw, unicode, color };
}
