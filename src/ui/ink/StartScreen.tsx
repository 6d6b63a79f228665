import { Box } from 'ink';
import type { InstallStatus } from '../../core/session/flow.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Select, type SelectItem } from './Select.js';
import { useUi } from './ui-context.js';
import { localTime } from '../../io/local-time.js';

export type StartChoice = 'reconfigure' | 'resume' | 'rotate' | 'quit';

export interface StartScreenProps {
  readonly install: Extract<InstallStatus, { kind: 'installed' }>;
  readonly stackTitle: string;
  readonly dir: string;
  readonly isActive: boolean;
  readonly onChoose: (choice: StartChoice) => void;
}

/**
 * For a folder that already holds an install: reconfigure it from the recorded answers, resume the
 * unfinished bootstrap (when there is one), or quit. Rotating secrets is shown but not offered yet.
 *
 * @example
 * ```
 * Field logger is installed in /srv/logger.
 * › Reconfigure: start from the recorded answers
 *   Resume the unfinished bootstrap
 *   Rotate secrets (comes in a later version)
 *   Quit
 * ```
 */
export function StartScreen({ install, stackTitle, dir, isActive, onChoose }: StartScreenProps) {
  const { theme } = useUi();
  const unfinished = install.unfinished;
  const items: SelectItem<StartChoice>[] = [
    { key: 'reconfigure', label: 'Reconfigure: start from the recorded answers', data: 'reconfigure' },
    ...(unfinished
      ? [{ key: 'resume', label: 'Resume the unfinished bootstrap', hint: unfinished.failedStep ? `(it stopped at ${unfinished.failedStep})` : undefined, data: 'resume' as const }]
      : []),
    { key: 'rotate', label: 'Rotate secrets', disabled: 'comes in a later version', data: 'rotate' },
    { key: 'quit', label: 'Quit', data: 'quit' },
  ];
  return (
    <Box flexDirection="column">
      <Paragraph bold>{`${stackTitle} is installed in ${dir}.`}</Paragraph>
      {unfinished && (
        <Paragraph tone="warn">{`${theme.glyphs.warning} The last bootstrap did not finish${unfinished.failedStep ? ` (step ${unfinished.failedStep} failed)` : ''}; last change ${localTime(unfinished.updatedAt)}.`}</Paragraph>
      )}
      <Box marginTop={1}>
        <Select items={items} isActive={isActive} onSelect={(i) => onChoose(i.data)} />
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={[`${theme.glyphs.updown} choose`, 'Enter select', 'Ctrl-C quit']} />
      </Box>
    </Box>
  );
}
