import { Box, Text } from 'ink';
import type { Tone } from './theme.js';
import { useUi } from './ui-context.js';
import { cutRows, displayWidth, fitRow } from './wrap-text.js';

/** The first row to show so that a window of `height` stays within the rows. */
export const clampScroll = (offset: number, total: number, height: number): number => Math.max(0, Math.min(offset, total - height));

/** A unified diff's colours by line (the + and - stay: colour only repeats them). */
export const diffTone = (line: string): Tone => (line.startsWith('+') ? 'ok' : line.startsWith('-') ? 'bad' : line.startsWith('@@') ? 'accent' : 'muted');

/** One row of the pane: part of a line (`line` is its index), coloured as the line is. */
export interface PaneRow {
  readonly text: string;
  readonly line: number;
  readonly tone: Tone | undefined;
}

/**
 * Lines as the pane's rows: a line longer than the terminal is wide goes on over the next rows, each
 * indented `hang` columns (under a diff's + or -), so that every character of every value shows.
 */
export function paneRows(lines: readonly string[], width: number, options: { readonly hang?: number; readonly tone?: ((line: string) => Tone | undefined) | undefined } = {}): PaneRow[] {
  return lines.flatMap((line, i) => {
    const tone = options.tone?.(line);
    return cutRows(line, width, options.hang ?? 0).map((text) => ({ text, line: i, tone }));
  });
}

/**
 * A window of `height` rows from `offset`, under a rule that names what is shown and which of its lines
 * the window holds.
 *
 * @example
 * ```
 * ── .env · new · lines 1-8 of 23 ─────────────────
 * @@ -0,0 +1,24 @@
 * +DOMAIN='logger.example.org'
 * ```
 */
export function ScrollPane({ heading, rows, lines, offset, height }: { readonly heading: string; readonly rows: readonly PaneRow[]; readonly lines: number; readonly offset: number; readonly height: number }) {
  const { theme, columns } = useUi();
  const { glyphs } = theme;
  const from = clampScroll(offset, rows.length, height);
  const shown = rows.slice(from, from + height);
  const first = shown[0]?.line ?? 0;
  const last = shown.at(-1)?.line ?? 0;
  const where = lines === 0 ? 'nothing to show' : rows.length <= height ? `${lines} lines` : `lines ${first + 1}-${last + 1} of ${lines}`;
  const label = ` ${heading}${glyphs.sep}${where} `;
  return (
    <Box flexDirection="column">
      <Text color={theme.tone('muted')}>{fitRow(`${glyphs.rule.repeat(2)}${label}${glyphs.rule.repeat(Math.max(2, columns - displayWidth(label) - 2))}`, columns, glyphs.ellipsis)}</Text>
      {shown.map((row, i) => (
        <Text key={from + i} color={row.tone === undefined ? undefined : theme.tone(row.tone)}>
          {row.text === '' ? ' ' : row.text}
        </Text>
      ))}
    </Box>
  );
}
