import { Box } from 'ink';
import type { StackAbout } from '../../core/stack.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Select, type SelectItem } from './Select.js';
import { useUi } from './ui-context.js';
import { displayWidth, padDisplay } from './wrap-text.js';

export interface ServerPickerProps {
  readonly servers: readonly StackAbout[];
  readonly dir: string;
  readonly isActive: boolean;
  readonly onPick: (id: string) => void;
  /** Esc: there is nothing before this screen (the session says so). */
  readonly onEscape?: () => void;
}

/**
 * Which server to set up, when fieldstation knows more than one: each with its one-line description.
 *
 * @example
 * ```
 * Which server do you want to set up in /srv/data?
 * › Field logger  sensor readings, uploaded over HTTPS
 *   e-mission  phone-based mobility studies
 * ```
 */
export function ServerPicker({ servers, dir, isActive, onPick, onEscape }: ServerPickerProps) {
  const { theme } = useUi();
  const width = Math.max(...servers.map((s) => displayWidth(s.title)));
  const items: SelectItem<string>[] = servers.map((s) => ({ key: s.id, label: padDisplay(s.title, width), hint: s.tagline, data: s.id }));
  return (
    <Box flexDirection="column">
      <Paragraph bold>{`Which server do you want to set up in ${dir}?`}</Paragraph>
      <Box marginTop={1}>
        <Select items={items} isActive={isActive} onSelect={(i) => onPick(i.data)} onEscape={onEscape} truncate expand={width + 2} />
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={[`${theme.glyphs.updown} choose`, 'type to jump', 'Enter select', 'Ctrl-C quit']} />
      </Box>
    </Box>
  );
}
