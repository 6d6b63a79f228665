import { Text } from 'ink';
import { useUi } from './ui-context.js';
import { wrapText } from './wrap-text.js';
import type { Tone } from './theme.js';

/**
 * Prose wrapped at the terminal's width (less `indent`, the columns to its left) before Ink sees it: Ink's
 * own wrap moves the space after a word that fills a row to the start of the next one. Text from elsewhere
 * goes through the theme's ASCII spelling.
 */
export function Paragraph({ children, indent = 0, tone, bold }: { readonly children: string; readonly indent?: number; readonly tone?: Tone | undefined; readonly bold?: boolean }) {
  const { theme, columns } = useUi();
  return (
    <Text color={tone === undefined ? undefined : theme.tone(tone)} bold={bold}>
      {wrapText(theme.plain(children), columns - indent).join('\n')}
    </Text>
  );
}
