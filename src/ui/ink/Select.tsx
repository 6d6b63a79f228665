import { Box, Text } from 'ink';
import type { Key } from './keys.js';
import { useRef, useState } from 'react';
import { firstEnabled, lastEnabled, pageIndex, stepIndex, typeAhead, windowAround, type Navigable } from './list-navigation.js';
import { useUi } from './ui-context.js';
import { useKeys } from './use-keys.js';
import type { Glyphs } from './theme.js';
import { fitRow, hangingRows } from './wrap-text.js';

export interface SelectItem<T> {
  /** Unique in the list; also matched by type-ahead. */
  readonly key: string;
  readonly label: string;
  /** Said after the label, dimmed. */
  readonly hint?: string | undefined;
  /** Why it cannot be chosen now: shown, skipped by the arrows and by typing. */
  readonly disabled?: string | undefined;
  readonly data: T;
}

export interface SelectProps<T> {
  readonly items: readonly SelectItem<T>[];
  readonly initialIndex?: number | undefined;
  readonly isActive: boolean;
  readonly onSelect: (item: SelectItem<T>) => void;
  readonly onEscape?: (() => void) | undefined;
  /** `?` or Tab. */
  readonly onHelp?: (() => void) | undefined;
  /** The highlighted item changed. */
  readonly onHighlight?: ((item: SelectItem<T>, index: number) => void) | undefined;
  /** Keys the list does not use (PgUp/PgDn when the screen scrolls something else with them). */
  readonly onOtherKey?: ((input: string, key: Key) => void) | undefined;
  /** At most this many rows; a window follows the highlight. */
  readonly limit?: number | undefined;
  /** One row per item, cut at the terminal's width, instead of wrapping (the list's height is then known). */
  readonly truncate?: boolean | undefined;
  /**
   * With `truncate`: the highlighted item is shown in full instead, over as many rows as it needs, rows
   * after the first indented this many columns (under the value). The window shrinks to make room.
   */
  readonly expand?: number | undefined;
  /**
   * The list's name in the app's memory of highlights: coming back to the screen (after a question, the
   * full view of a diff, the plan) puts the highlight where it was, when that item is still there.
   */
  readonly remember?: string | undefined;
}

/** An item's text: its label, then why it is disabled and its hint. */
const fullText = <T,>(item: SelectItem<T>) => `${item.label}${item.disabled !== undefined ? ` (${item.disabled})` : ''}${item.hint !== undefined ? `  ${item.hint}` : ''}`;

/** The columns an item gets: the terminal's, less the pointer's. */
export const itemWidth = (columns: number, glyphs: Glyphs): number => columns - glyphs.pointer.length - 1;

/** The rows a highlighted item takes when shown in full (see `expand`). */
export const expandedRows = <T,>(item: SelectItem<T>, columns: number, glyphs: Glyphs, hang: number): string[] => hangingRows(fullText(item), itemWidth(columns, glyphs), hang);

/**
 * A list to choose from with the arrows (Home/End, PgUp/PgDn) or by typing the first letters of an item.
 * The highlight lives in a ref that the key handler reads, so "Down then Enter" in one chunk picks the
 * second item, not the first: Ink hands a handler keys faster than React renders.
 *
 * @example
 * ```
 * › An S3 provider (recommended)  AWS, Wasabi, MinIO...
 *   Local S3 in a container (trials only)
 * ```
 */
export function Select<T>(props: SelectProps<T>) {
  const { items, isActive, limit, truncate, remember } = props;
  const { theme, columns, keys, cursors } = useUi();
  const { glyphs } = theme;
  const pointerWidth = glyphs.pointer.length + 1;
  const nav: Navigable[] = items.map((i) => ({ label: i.label, value: i.key, disabled: i.disabled !== undefined }));
  const remembered = remember === undefined ? -1 : items.findIndex((i) => i.key === cursors.get(remember) && i.disabled === undefined);
  const given = props.initialIndex !== undefined && items[props.initialIndex] && !items[props.initialIndex]!.disabled ? props.initialIndex : Math.max(0, firstEnabled(nav, props.initialIndex ?? 0));
  const start = remembered >= 0 ? remembered : given;
  const index = useRef(start);
  const prefix = useRef('');
  const [shown, setShown] = useState(start);

  const moveTo = (to: number) => {
    if (to < 0 || to === index.current) return;
    index.current = to;
    setShown(to);
    if (remember !== undefined) cursors.set(remember, items[to]!.key);
    props.onHighlight?.(items[to]!, to);
  };
  const choose = () => {
    const item = items[index.current];
    if (!item || item.disabled !== undefined) return;
    props.onSelect(item);
    keys.hold();
  };

  useKeys(
    (input, key) => {
      if (key.upArrow) moveTo(stepIndex(nav, index.current, -1));
      else if (key.downArrow) moveTo(stepIndex(nav, index.current, 1));
      else if (key.home) moveTo(firstEnabled(nav, 0));
      else if (key.end) moveTo(lastEnabled(nav));
      else if ((key.pageUp || key.pageDown) && !props.onOtherKey) moveTo(pageIndex(nav, index.current, (key.pageUp ? -1 : 1) * (limit ?? items.length)));
      else if (key.return) choose();
      else if (key.escape && props.onEscape) {
        props.onEscape();
        keys.hold();
      }
      else if ((key.tab && !key.shift) || (input === '?' && props.onHelp)) props.onHelp?.();
      else if (key.paste) return;
      else if (input !== '' && !key.ctrl && !key.meta) {
        // Letters jump to the first item they start (type-ahead).
        for (const ch of input) {
          if (ch.trim() === '') continue;
          const found = typeAhead(nav, prefix.current, ch);
          prefix.current = found.prefix;
          if (found.index !== undefined) moveTo(found.index);
        }
        return;
      } else props.onOtherKey?.(input, key);
      prefix.current = '';
    },
    { isActive },
  );

  const expanded = truncate && props.expand !== undefined && items[shown] ? expandedRows(items[shown]!, columns, glyphs, props.expand) : undefined;
  // Within a limit, the rows of the item shown in full come out of it; without one the screen counts them.
  const { start: from, end } = windowAround(shown, items.length, limit === undefined ? items.length : Math.max(1, limit - (expanded ? expanded.length - 1 : 0)));
  return (
    <Box flexDirection="column">
      {from > 0 && <Text color={theme.tone('muted')}>{`  ${glyphs.more.up} ${from} more`}</Text>}
      {items.slice(from, end).map((item, i) => {
        const highlighted = from + i === shown;
        // Cut to one row here rather than by Ink, whose ellipsis is not ASCII.
        const row = highlighted && expanded ? expanded.join('\n') : truncate ? fitRow(fullText(item), itemWidth(columns, glyphs), glyphs.ellipsis) : fullText(item);
        // The label stands out, the rest is muted (in full, all of it is the highlighted one's).
        const label = highlighted && expanded ? row : row.slice(0, item.label.length);
        const rest = highlighted && expanded ? '' : row.slice(item.label.length);
        return (
          <Box key={item.key}>
            <Box flexShrink={0} width={pointerWidth}>
              <Text color={highlighted ? theme.tone('accent') : undefined} bold={highlighted}>
                {highlighted ? glyphs.pointer : ' '}
              </Text>
            </Box>
            <Box flexShrink={1}>
              <Text color={item.disabled !== undefined ? theme.tone('muted') : highlighted ? theme.tone('accent') : undefined} bold={highlighted}>
                {label}
                {rest !== '' && <Text color={theme.tone('muted')} bold={false}>{rest}</Text>}
              </Text>
            </Box>
          </Box>
        );
      })}
      {end < items.length && <Text color={theme.tone('muted')}>{`  ${glyphs.more.down} ${items.length - end} more`}</Text>}
    </Box>
  );
}
