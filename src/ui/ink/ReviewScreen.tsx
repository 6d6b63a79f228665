import { Box, Text } from 'ink';
import type { Problem } from '../../core/errors.js';
import { labelOf, type Question } from '../../core/questions/types.js';
import { visibleQuestions, type WizardState } from '../../core/wizard/machine.js';
import { displayAnswer } from './answer-display.js';
import { hintRows, KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { problemRows, ProblemList } from './ProblemList.js';
import { Select, type SelectItem } from './Select.js';
import { Spinner } from './Spinner.js';
import { useUi } from './ui-context.js';
import { displayWidth, padDisplay, wrapHeight } from './wrap-text.js';

export interface ReviewScreenProps {
  readonly state: WizardState;
  readonly title: string;
  readonly isActive: boolean;
  /** The answers are being checked and planned (the list waits). */
  readonly checking: boolean;
  /** What the last check found; the list stays so they can be fixed. */
  readonly problems: readonly Problem[];
  /** Each answer is named by its answers-file key (`s3.host`) instead of its label ("S3 host"). */
  readonly showKeys: boolean;
  readonly onToggleKeys: () => void;
  readonly onEdit: (id: string) => void;
  readonly onContinue: () => void;
  readonly onBack: () => void;
}

const CONTINUE = '(continue)';

/**
 * Every answer that applies, on one screen, each one open to change; secrets only as "generated" or a
 * mask. Answers are named by their labels, or by their answers-file keys (Tab switches). A value too long
 * for its row is cut, and shown in full while highlighted. "Continue" has the answers checked and planned.
 * The highlight stays where it was when the screen comes back (after a change, or from the plan).
 *
 * @example
 * ```
 * Field logger · /srv/logger
 * Review: Enter on an answer changes it.
 * › Domain        logger.example.org
 *   Upload token  generated
 *   ...
 *   Continue: check the answers and show the plan
 * ```
 */
export function ReviewScreen({ state, title, isActive, checking, problems, showKeys, onToggleKeys, onEdit, onContinue, onBack }: ReviewScreenProps) {
  const { theme, columns, rows } = useUi();
  const questions = visibleQuestions(state.questions, state.answers);
  const name = (q: Question) => (showKeys ? q.id : theme.plain(labelOf(q)));
  const width = Math.max(...questions.map((q) => displayWidth(name(q))));
  const items: SelectItem<string>[] = [
    ...questions.map((q) => ({ key: q.id, label: `${padDisplay(name(q), width)}  ${theme.plain(displayAnswer(q, state, theme.glyphs))}`, data: q.id })),
    { key: CONTINUE, label: 'Continue: check the answers and show the plan', data: CONTINUE },
  ];
  // A problem names the answer as the list does: by its label, with the key that the checks report.
  const byKey = new Map(questions.map((q) => [q.id, q]));
  const problemName = (path: string) => (showKeys || !byKey.has(path) ? path : `${theme.plain(labelOf(byKey.get(path)!))} (${path})`);
  const hints = [`${theme.glyphs.updown} move`, 'Enter change / continue', `Tab ${showKeys ? 'labels' : 'file keys'}`, 'Esc back', 'Ctrl-C quit'];
  // Title, heading, the checking line, the problems and the hints share the height with the list.
  const used = wrapHeight(title, columns) + 1 + (checking ? 1 : 0) + (problems.length > 0 ? 1 + problemRows(problems, columns, wrapHeight, problemName) : 0) + 1 + hintRows(hints, theme.glyphs.sep, columns) + 1;
  return (
    <Box flexDirection="column">
      <Paragraph tone="muted">{title}</Paragraph>
      <Text bold>Review: Enter on an answer changes it.</Text>
      <Select
        items={items}
        initialIndex={items.length - 1}
        remember="review"
        isActive={isActive && !checking}
        onSelect={(i) => (i.data === CONTINUE ? onContinue() : onEdit(i.data))}
        onEscape={onBack}
        onHelp={onToggleKeys}
        limit={Math.max(3, rows - used - 2)}
        truncate
        expand={width + 2}
      />
      {checking && (
        <Text>
          <Spinner /> Checking the answers and making the plan{theme.glyphs.ellipsis}
        </Text>
      )}
      {problems.length > 0 && (
        <Box marginTop={1} flexDirection="column">
          <ProblemList problems={problems} name={problemName} />
        </Box>
      )}
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
