import { Box } from 'ink';
import type { InstallStatus, StartChoice } from '../../core/session/flow.js';
import { draftLine, startOption, unfinishedLine } from '../session-words.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Select, type SelectItem } from './Select.js';
import { useUi } from './ui-context.js';

export interface StartScreenProps {
  readonly install: InstallStatus;
  /** What the session offers here (startChoices), and the one highlighted first. */
  readonly choices: readonly StartChoice[];
  readonly preferred: StartChoice;
  readonly stackTitle: string;
  readonly dir: string;
  readonly isActive: boolean;
  readonly onChoose: (choice: StartChoice) => void;
  readonly onEscape: () => void;
}

/**
 * For a folder that already holds an install or unfinished answers: continue those answers (or discard
 * them), reconfigure from the recorded answers, resume the bootstrap that did not finish (the default
 * then, saying whether it failed or was interrupted), or quit. Rotating secrets is shown but not offered yet.
 *
 * @example
 * ```
 * Field logger is installed in /srv/logger.
 * ! The last bootstrap failed at step certificate: exit code 1 (last recorded 2026-11-22T18:04:00Z).
 *   Reconfigure: start from the recorded answers
 * › Resume the unfinished bootstrap
 *   Rotate secrets (comes in a later version)
 *   Quit
 * ```
 */
export function StartScreen({ install, choices, preferred, stackTitle, dir, isActive, onChoose, onEscape }: StartScreenProps) {
  const { theme } = useUi();
  const installed = install.kind === 'installed';
  const items: SelectItem<StartChoice | 'rotate'>[] = choices.map((c) => ({ key: c, label: startOption(c, install).label, data: c }));
  // Rotating secrets is a later version's: shown where it will be, before Quit.
  if (installed) items.splice(items.length - 1, 0, { key: 'rotate', label: 'Rotate secrets', disabled: 'comes in a later version', data: 'rotate' });
  const unfinished = installed ? install.unfinished : undefined;
  const draft = draftLine(install);
  return (
    <Box flexDirection="column">
      <Paragraph bold>{installed ? `${stackTitle} is installed in ${dir}.` : `Setting up ${stackTitle} in ${dir}.`}</Paragraph>
      {unfinished && <Paragraph tone={unfinished.status === 'failed' ? 'bad' : 'warn'}>{`${theme.glyphs.warning} ${unfinishedLine(unfinished)}`}</Paragraph>}
      {draft !== undefined && <Paragraph>{draft}</Paragraph>}
      <Box marginTop={1}>
        <Select items={items} initialIndex={Math.max(0, items.findIndex((i) => i.data === preferred))} isActive={isActive} onSelect={(i) => i.data !== 'rotate' && onChoose(i.data)} onEscape={onEscape} />
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={[`${theme.glyphs.updown} choose`, 'Enter select', 'Ctrl-C quit']} />
      </Box>
    </Box>
  );
}
