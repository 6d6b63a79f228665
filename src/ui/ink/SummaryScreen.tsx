import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import type { RunOutcome } from '../../core/session/outcome.js';
import { notPassed } from '../../core/checks/outcome.js';
import { nextSteps, writtenFiles, type SummaryDetails } from '../summary.js';
import { Paragraph } from './Paragraph.js';
import type { ProgressModel } from '../../core/session/progress.js';
import { useUi } from './ui-context.js';
import { bulletRows, cutRows } from './wrap-text.js';

export interface SummaryScreenProps {
  readonly outcome: RunOutcome;
  /** Where the credentials, backups and answers are, what was skipped, what to run next (src/ui/summary.ts). */
  readonly details?: SummaryDetails;
  readonly model: ProgressModel;
  readonly stackTitle: string;
  /** Called once the summary is on screen: the app then exits and the summary stays in the terminal. */
  readonly onShown: () => void;
}

function Bullets({ lines }: { readonly lines: readonly string[] }) {
  const { theme, columns } = useUi();
  return <Text>{lines.flatMap((line) => bulletRows(theme.glyphs.bullet, theme.plain(line), columns)).join('\n')}</Text>;
}

/** How the steps ended, in one line: "8 done, 2 skipped, 1 failed, 3 not run". */
export function stepCounts(model: ProgressModel): string {
  const n = (pred: (s: ProgressModel['steps'][number]) => boolean) => model.steps.filter(pred).length;
  const parts = [
    [n((s) => s.status === 'done'), 'done'],
    [n((s) => s.status === 'skipped'), 'skipped'],
    [n((s) => s.status === 'failed'), 'failed'],
    [n((s) => s.status === 'interrupted'), 'interrupted'],
    [n((s) => s.status === 'pending' || s.status === 'running' || s.status === 'retrying'), 'not run'],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, word]) => `${count} ${word}`)
    .join(', ');
}

/**
 * How it ended and what to do next. Success: the notes (DNS, firewall...) and where the answers were
 * saved. Failure: the failed step, its last output lines, the log and the command that continues.
 * Files only: what was written. Refused: why nothing was changed.
 *
 * @example
 * ```
 * ✗ Failed: Let's Encrypt certificate obtained (certificate): exit code 1
 * Steps: 6 done, 1 skipped, 1 failed, 2 not run.
 *
 * Its last lines of output:
 *   │ Challenge failed for domain logger.example.org
 *
 * Log: /srv/logger/.fieldstation/logs/2026-11-23T10-00-00.log
 * Fix the cause, then continue with: fieldstation resume --dir /srv/logger
 * ```
 */
/** The details both frontends give: where things are and what was skipped, each a titled list. */
function Details({ details }: { readonly details: SummaryDetails | undefined }) {
  if (!details) return null;
  return (
    <>
      {[['Where things are', details.where] as const, ['Skipped', details.skipped] as const]
        .filter(([, lines]) => lines.length > 0)
        .map(([title, lines]) => (
          <Box key={title} flexDirection="column" marginTop={1}>
            <Text bold>{title}</Text>
            <Bullets lines={lines} />
          </Box>
        ))}
    </>
  );
}

export function SummaryScreen({ outcome, details, model, stackTitle, onShown }: SummaryScreenProps) {
  const { theme, columns } = useUi();
  const { glyphs } = theme;
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    onShown();
  });
  const counted = model.steps.length > 0 ? ` (${model.steps.length} steps: ${stepCounts(model)})` : '';
  const seconds = model.finished ? ` in ${model.finished.seconds} s` : '';
  const log = outcome.logPath ?? model.logPath;
  const logLine = log === undefined ? null : <Paragraph tone="muted">{`Log: ${log}`}</Paragraph>;
  // With the details, the answers file is listed among where things are.
  const answersLine = outcome.answersPath === undefined || details ? null : <Paragraph>{`Your answers are saved in ${outcome.answersPath} (secrets only as references).`}</Paragraph>;
  const nextCommand = details?.next && (outcome.status === 'succeeded' || outcome.status === 'written') ? (
    <Box marginTop={1} flexDirection="column">
      <Text>{`${details.next.why}:`}</Text>
      <Paragraph indent={2}>{`  ${details.next.command}`}</Paragraph>
    </Box>
  ) : null;
  const next = nextSteps(outcome);
  const notes =
    next.length === 0 ? null : (
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Next steps</Text>
        <Bullets lines={next} />
      </Box>
    );

  switch (outcome.status) {
    case 'succeeded':
      return (
        <Box flexDirection="column">
          <Paragraph tone="ok" bold>{`${glyphs.tick} Done: the ${stackTitle} bootstrap finished${seconds}${counted}.`}</Paragraph>
          {notes}
          <Details details={details} />
          {nextCommand}
          <Box marginTop={1} flexDirection="column">
            {answersLine}
            {logLine}
          </Box>
        </Box>
      );
    case 'written':
      return (
        <Box flexDirection="column">
          <Paragraph tone="ok" bold>{`${glyphs.tick} Files written (the bootstrap was not run):`}</Paragraph>
          <Bullets lines={writtenFiles(outcome)} />
          {outcome.message !== undefined && (
            <Box marginTop={1} flexDirection="column">
              <Paragraph tone="warn">{outcome.message}</Paragraph>
              {(outcome.hints ?? []).map((h) => (
                <Paragraph key={h} indent={h.startsWith('fieldstation ') ? 2 : 0}>{h.startsWith('fieldstation ') ? `  ${h}` : h}</Paragraph>
              ))}
            </Box>
          )}
          {notes}
          <Details details={details} />
          {nextCommand}
          <Box marginTop={1} flexDirection="column">
            {answersLine}
          </Box>
        </Box>
      );
    case 'failed': {
      const failed = outcome.failed;
      const title = failed === undefined ? undefined : model.steps.find((s) => s.id === failed.id)?.title;
      return (
        <Box flexDirection="column">
          <Paragraph tone="bad" bold>
            {failed === undefined ? `${glyphs.cross} Failed: ${outcome.message ?? 'the bootstrap did not finish'}` : `${glyphs.cross} Failed: ${title ?? failed.id} (${failed.id}): ${failed.error}`}
          </Paragraph>
          {model.steps.length > 0 && <Paragraph>{`Steps: ${stepCounts(model)}.`}</Paragraph>}
          {failed !== undefined && failed.tail.length > 0 && (
            <Box flexDirection="column" marginTop={1}>
              <Text>Its last lines of output:</Text>
              {/* Every character of the output shows: a long line goes on over the next rows, under the bar. */}
              {failed.tail.map((line, i) => (
                <Text key={i} color={theme.tone('muted')}>
                  {cutRows(`  ${glyphs.outputBar} ${line}`, columns, 4).join('\n')}
                </Text>
              ))}
            </Box>
          )}
          <Details details={details} />
          <Box marginTop={1} flexDirection="column">
            {logLine}
            <Text>Fix the cause, then continue with:</Text>
            <Paragraph indent={2}>{`  ${outcome.resumeCommand}`}</Paragraph>
            {answersLine}
          </Box>
        </Box>
      );
    }
    case 'interrupted':
      return (
        <Box flexDirection="column">
          <Paragraph tone="warn" bold>{`${glyphs.stop} Stopped: ${details?.stopped === undefined ? 'the bootstrap was interrupted' : 'a destructive step was not confirmed'}${seconds}${counted}.`}</Paragraph>
          {details?.stopped !== undefined && <Paragraph>{details.stopped}</Paragraph>}
          {outcome.message !== undefined && <Paragraph>{outcome.message}</Paragraph>}
          <Details details={details} />
          <Box marginTop={1} flexDirection="column">
            {logLine}
            <Text>Continue with:</Text>
            <Paragraph indent={2}>{`  ${outcome.resumeCommand}`}</Paragraph>
          </Box>
        </Box>
      );
    case 'refused':
    case 'declined': {
      const failing = notPassed(outcome.preflight);
      return (
        <Box flexDirection="column">
          <Paragraph tone="bad" bold>{`${glyphs.cross} Nothing was changed: ${outcome.message ?? 'the checks before writing failed'}`}</Paragraph>
          {failing.length > 0 && (
            <Box flexDirection="column" marginTop={1}>
              {failing.map((r) => (
                <Box key={r.name} flexDirection="column">
                  <Paragraph tone={r.status === 'fail' ? 'bad' : 'warn'}>{`${r.status === 'fail' ? glyphs.cross : glyphs.warning} ${r.title} (${r.name}): ${r.detail}`}</Paragraph>
                  {r.fix !== undefined && <Text color={theme.tone('muted')}>{bulletRows('  fix:', theme.plain(r.fix), columns).join('\n')}</Text>}
                </Box>
              ))}
            </Box>
          )}
          {(outcome.hints ?? []).map((h) => (
            <Paragraph key={h}>{h}</Paragraph>
          ))}
          {logLine}
        </Box>
      );
    }
  }
}
