import { Box, Text } from 'ink';
import type { Tone } from './theme.js';
import { useUi } from './ui-context.js';
import { displayWidth, fitRow } from './wrap-text.js';

/** The first row to show so that a window of `height` stays within the rows. */
export const clampScroll = (offset: number, total: number, height: number): number => Math.max(0, Math.min(offset, total - height));

/** A unified diff's colours by line (the + and - stay: colour only repeats them). */
export const diffTone = (line: string): Tone => (line.startsWith('+') ? 'ok' : line.startsWith('-') ? 'bad' : line.startsWith('@@') ? 'accent' : 'muted');

/**
 * A window of `height` rows from `offset`, one row per line (cut at the terminal's width), under a rule
 * that names what is shown and where the window is.
 *
 * @example
 * ```
 * ── .env · new · lines 1-8 of 23 ─────────────────
 * @@ -0,0 +1,24 @@
 * +DOMAIN='logger.example.org'
 * ```
 */
export function ScrollPane({ heading, lines, offset, height, tone }: { readonly heading: string; readonly lines: readonly string[]; readonly offset: number; readonly height: number; readonly tone?: (line: string) => Tone | undefined }) {
  const { theme, columns } = useUi();
  const { glyphs } = theme;
  const from = clampScroll(offset, lines.length, height);
  const shown = lines.slice(from, from + height);
  const where = lines.length === 0 ? 'nothing to show' : lines.length <= height ? `${lines.length} lines` : `lines ${from + 1}-${from + shown.length} of ${lines.length}`;
  const label = ` ${heading}${glyphs.sep}${where} `;
  return (
    <Box flexDirection="column">
      <Text color={theme.tone('muted')}>{fitRow(`${glyphs.rule.repeat(2)}${label}${glyphs.rule.repeat(Math.max(2, columns - displayWidth(label) - 2))}`, columns, glyphs.ellipsis)}</Text>
      {shown.map((line, i) => {
        const t = tone?.(line);
        return (
          <Text key={from + i} color={t === undefined ? undefined : theme.tone(t)}>
            {line === '' ? ' ' : fitRow(line, columns, glyphs.ellipsis)}
          </Text>
        );
      })}
    </Box>
  );
}
