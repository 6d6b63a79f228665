import { Box, Text } from 'ink';
import type { StepAnswer, StepQuestion } from '../../core/session/flow.js';
import { stepChoices, stepQuestionWords } from '../session-words.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Select, type SelectItem } from './Select.js';
import { TextInput } from './TextInput.js';
import { useUi } from './ui-context.js';
import { bulletRows, displayWidth, padDisplay } from './wrap-text.js';

export interface StepConfirmScreenProps {
  readonly question: StepQuestion;
  readonly title: string;
  readonly isActive: boolean;
  readonly onAnswer: (answer: StepAnswer) => void;
}

/**
 * The bootstrap waits before a destructive step for the person's answer (the session's question, asked
 * by the runner). For a step that wipes a device: what is on it, read just now, and a field for its path
 * typed back, whatever is typed is sent as it is and the session decides (only the exact path runs it).
 * Otherwise a yes or no, no highlighted. Esc is no; so is Ctrl-C (the app sends it).
 *
 * @example
 * ```
 * Confirm a step · Field logger · /srv/logger
 * Step data-format (Data disk encrypted) wipes /dev/vdb: everything on it will be erased.
 *   Device      /dev/vdb (disk)
 *   Size        10.0 GiB (10737418240 bytes)
 *   Model       QEMU HARDDISK
 *   Serial      data-1
 *   Partitions  none
 *   Signatures  none found
 *   Mounted     not mounted
 * Type the device path (/dev/vdb) to erase it. Anything else does not run the step: the bootstrap...
 * › █
 * Enter confirm · Esc do not run it · Ctrl-U clear · Ctrl-C do not run it
 * ```
 */
export function StepConfirmScreen({ question, title, isActive, onAnswer }: StepConfirmScreenProps) {
  const { theme, columns } = useUi();
  const { glyphs } = theme;
  const words = stepQuestionWords(question);
  const width = Math.max(0, ...words.facts.map(([label]) => displayWidth(label)));
  const facts = words.facts.flatMap(([label, value]) => bulletRows(`  ${padDisplay(label, width + 1)}`, theme.plain(value), columns));
  const no = () => onAnswer({ kind: 'no' });
  let field;
  let hints: string[];
  if (question.kind === 'type-device') {
    field = (
      <Box>
        <Box flexShrink={0} width={glyphs.pointer.length + 1}>
          <Text color={theme.tone('accent')}>{glyphs.pointer}</Text>
        </Box>
        <TextInput initial="" isActive={isActive} onSubmit={(text) => onAnswer({ kind: 'typed', text })} onEscape={no} />
      </Box>
    );
    hints = ['Enter confirm', 'Esc do not run it', 'Ctrl-U clear', 'Ctrl-C do not run it'];
  } else {
    const choices = stepChoices(question);
    const items: SelectItem<boolean>[] = choices.map((c) => ({ key: c.value ? 'yes' : 'no', label: c.label, hint: c.description, data: c.value }));
    field = <Select items={items} isActive={isActive} onSelect={(i) => onAnswer({ kind: i.data ? 'yes' : 'no' })} onEscape={no} />;
    hints = [`${glyphs.updown} choose`, 'Enter select', 'Esc no', 'Ctrl-C no'];
  }
  return (
    <Box flexDirection="column">
      <Paragraph tone="muted">{`Confirm a step${glyphs.sep}${title}`}</Paragraph>
      <Paragraph bold tone="bad">{words.heading}</Paragraph>
      {facts.length > 0 && <Text>{facts.join('\n')}</Text>}
      {words.inUse !== undefined && <Paragraph tone="warn">{`${glyphs.warning} ${words.inUse}`}</Paragraph>}
      <Box marginTop={1}>
        <Paragraph>{words.ask}</Paragraph>
      </Box>
      {field}
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
