import { Text } from 'ink';
import { useUi } from './ui-context.js';
import { joinRows } from './wrap-text.js';

/**
 * The keys that work on this screen, at the bottom; on a narrow terminal the line breaks between hints.
 *
 * @example
 * ```
 * Enter accept · Esc back · ? help · Ctrl-C quit
 * ```
 */
export function KeyHints({ hints }: { readonly hints: readonly string[] }) {
  const { theme, columns } = useUi();
  return <Text color={theme.tone('muted')}>{joinRows(hints, theme.glyphs.sep, columns).join('\n')}</Text>;
}

/** Rows the hints take at this width. */
export const hintRows = (hints: readonly string[], sep: string, columns: number): number => joinRows(hints, sep, columns).length;
