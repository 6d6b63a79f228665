import { Text } from 'ink';
import { useUi } from './ui-context.js';

/**
 * How many steps are over, of all, as a bar and in words.
 *
 * @example
 * ```
 * [████████░░░░░░░░░░░░] 4/10 finished
 * ```
 */
export function ProgressBar({ finished, total }: { readonly finished: number; readonly total: number }) {
  const { theme, columns } = useUi();
  const words = ` ${finished}/${total} finished`;
  const width = Math.max(5, Math.min(30, columns - words.length - 3));
  const full = total === 0 ? 0 : Math.round((finished / total) * width);
  return (
    <Text>
      [<Text color={theme.tone('accent')}>{theme.glyphs.barFull.repeat(full)}</Text>
      <Text color={theme.tone('muted')}>{theme.glyphs.barEmpty.repeat(width - full)}</Text>]{words}
    </Text>
  );
}
