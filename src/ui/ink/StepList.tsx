import { Box, Text } from 'ink';
import { stripVTControlCharacters } from 'node:util';
import type { ReactNode } from 'react';
import { isFinal, type ProgressModel, type StepView } from '../../core/session/progress.js';
import { Spinner } from './Spinner.js';
import { printable } from './text-editing.js';
import { useUi } from './ui-context.js';
import { fitRow } from './wrap-text.js';

/**
 * The bootstrap's steps, one line each: a glyph and a word for the state (never colour alone), the time,
 * why a step was skipped, and under each running step the last lines of its output. When the steps do not
 * fit in `maxRows`, the finished ones at the top fold into one line.
 *
 * @example
 * ```
 * ✓ Data folders created · done in 0 s
 * ↷ Container images pulled · skipped: images present
 * ⠋ Let's Encrypt certificate obtained · running 12 s
 *   │ Requesting a certificate for logger.example.org
 * · Logger started · waiting
 * ```
 */
export function StepList({ model, maxRows, showOutput }: { readonly model: ProgressModel; readonly maxRows: number; readonly showOutput: boolean }) {
  const { theme } = useUi();
  const rowsOf = (s: StepView) => 1 + (showOutput && isRunning(s) ? s.output.length : 0);
  const total = model.steps.reduce((n, s) => n + rowsOf(s), 0);
  let folded = 0;
  if (total > maxRows) {
    // Fold the finished steps at the top (done or skipped; a failure stays in sight).
    let rows = total;
    while (folded < model.steps.length && rows + 1 > maxRows && isFoldable(model.steps[folded]!)) rows -= rowsOf(model.steps[folded++]!);
  }
  const foldedSteps = model.steps.slice(0, folded);
  return (
    <Box flexDirection="column">
      {folded > 0 && (
        <Text color={theme.tone('ok')}>
          {`${theme.glyphs.tick} ${folded} finished: ${foldedSteps.filter((s) => s.status === 'done').length} done, ${foldedSteps.filter((s) => s.status === 'skipped').length} skipped`}
        </Text>
      )}
      {model.steps.slice(folded).map((s) => (
        <Box key={s.id} flexDirection="column">
          <StepLine step={s} />
          {showOutput && isRunning(s) && s.output.map((line, i) => <OutputLine key={i} line={line} />)}
        </Box>
      ))}
    </Box>
  );
}

const isRunning = (s: StepView) => s.status === 'running' || s.status === 'retrying';
const isFoldable = (s: StepView) => isFinal(s) && (s.status === 'done' || s.status === 'skipped');

/** Escape codes and control characters a child may print (colours, cursor moves) would break the layout. */
const showable = (line: string) => printable(stripVTControlCharacters(line).replace(/\t/gu, '  '));

function OutputLine({ line }: { readonly line: string }) {
  const { theme, columns } = useUi();
  return <Text color={theme.tone('muted')}>{fitRow(`  ${theme.glyphs.outputBar} ${showable(line)}`, columns, theme.glyphs.ellipsis)}</Text>;
}

function StepLine({ step: s }: { readonly step: StepView }) {
  const { theme, now } = useUi();
  const { glyphs } = theme;
  const elapsed = s.startedAt === undefined ? 0 : Math.max(0, Math.floor((now() - s.startedAt) / 1000));
  let glyph: ReactNode;
  let word: string;
  let tone: 'ok' | 'bad' | 'warn' | 'muted' | 'accent' | undefined;
  switch (s.status) {
    case 'pending':
      [glyph, word, tone] = [glyphs.pending, 'waiting', 'muted'];
      break;
    case 'running':
      [glyph, word, tone] = [<Spinner key="spinner" />, `running ${elapsed} s${(s.attempts ?? 1) > 1 ? ` (attempt ${s.attempt} of ${s.attempts})` : ''}`, undefined];
      break;
    case 'retrying':
      [glyph, word, tone] = [glyphs.warning, `attempt ${s.attempt} failed: ${s.error ?? ''}; trying again in ${s.retryInSeconds ?? 0} s`, 'warn'];
      break;
    case 'done':
      [glyph, word, tone] = [glyphs.tick, s.earlier ? 'done earlier' : `done in ${s.seconds ?? 0} s${s.reason ? `: ${s.reason}` : ''}`, 'ok'];
      break;
    case 'skipped':
      [glyph, word, tone] = [glyphs.skip, s.earlier ? 'skipped earlier' : `skipped: ${s.reason ?? 'not needed'}`, 'muted'];
      break;
    case 'failed':
      [glyph, word, tone] = [glyphs.cross, `failed after ${s.seconds ?? 0} s: ${s.error ?? ''}`, 'bad'];
      break;
    case 'interrupted':
      [glyph, word, tone] = [glyphs.stop, 'interrupted', 'warn'];
      break;
  }
  const color = tone === undefined ? undefined : theme.tone(tone);
  return (
    <Box>
      <Box flexShrink={0} marginRight={1}>
        <Text color={color}>{glyph}</Text>
      </Box>
      <Box flexShrink={1}>
        <Text>
          {theme.plain(s.title)}
          <Text color={color}>{theme.plain(`${glyphs.sep}${word}`)}</Text>
        </Text>
      </Box>
    </Box>
  );
}

/** Rows the list wants before folding: one per step, plus the output of running ones. */
export function stepRows(model: ProgressModel, showOutput: boolean): number {
  return model.steps.reduce((n, s) => n + 1 + (showOutput && isRunning(s) ? s.output.length : 0), 0);
}
