import { Box, Text } from 'ink';
import { Paragraph } from './Paragraph.js';
import { ProgressBar } from './ProgressBar.js';
import type { CheckResult } from '../../core/checks/check.js';
import { notPassed, summaryLine } from '../../core/checks/outcome.js';
import { counts, type ProgressModel } from '../../core/session/progress.js';
import { Spinner, useTicker } from './Spinner.js';
import { StepList } from './StepList.js';
import { useUi } from './ui-context.js';
import { wrapHeight } from './wrap-text.js';

export interface ProgressScreenProps {
  readonly model: ProgressModel;
  /** The machine's checks before the files were written, once they are known. */
  readonly preflight?: readonly CheckResult[] | undefined;
  readonly title: string;
  /** Ctrl-C was pressed: the runner is stopping the running step. */
  readonly stopping: boolean;
}

/**
 * The bootstrap as it runs, driven by the runner's events: a line per step, the running step's last output
 * lines, and an overall bar. Ctrl-C (handled by the app) asks, then has the runner stop; this screen says so.
 *
 * @example
 * ```
 * Running the bootstrap · Field logger · /srv/logger
 * Log: /srv/logger/.fieldstation/logs/2026-11-23T10-00-00.log
 * ✓ Data folders created · done in 0 s
 * ⠋ Container images pulled · running 5 s
 *   │ api Pulling
 * · Diffie-Hellman parameters written · waiting
 * [██████░░░░░░░░░░░░░░] 1/10 finished
 * Ctrl-C stop (asks first; the running step is stopped cleanly; resume it later)
 * ```
 */
export function ProgressScreen({ model, preflight, title, stopping }: ProgressScreenProps) {
  const { theme, columns, rows } = useUi();
  useTicker(1000); // running steps' clocks
  const { finished, total } = counts(model);
  const hint = stopping ? `Stopping: the running step is being stopped cleanly${theme.glyphs.ellipsis}` : 'Ctrl-C stop (asks first; the running step is stopped cleanly; resume it later)';
  const heading = `${model.resumed ? 'Resuming' : 'Running'} the bootstrap${theme.glyphs.sep}${title}`;
  const logLine = model.logPath === undefined ? undefined : `Log: ${model.logPath}`;
  const checks = preflight === undefined ? undefined : checksLine(preflight);
  const used = wrapHeight(heading, columns) + (logLine === undefined ? 0 : wrapHeight(logLine, columns)) + (checks === undefined ? 0 : wrapHeight(checks, columns)) + 1 + wrapHeight(hint, columns) + 1;
  return (
    <Box flexDirection="column">
      <Paragraph bold>{heading}</Paragraph>
      {logLine !== undefined && <Paragraph tone="muted">{logLine}</Paragraph>}
      {checks !== undefined && <Paragraph tone="muted">{checks}</Paragraph>}
      {!model.started && (
        <Text>
          <Spinner /> Checking the machine and writing the files{theme.glyphs.ellipsis}
        </Text>
      )}
      {model.started && <StepList model={model} maxRows={Math.max(3, rows - used)} showOutput />}
      {model.started && <ProgressBar finished={finished} total={total} />}
      <Paragraph tone={stopping ? 'warn' : 'muted'}>{hint}</Paragraph>
    </Box>
  );
}

/** The machine's checks in one line, with the ones that warned named: "Machine checked: 7 checks: 6 passed, 1 warning (dns)." */
function checksLine(results: readonly CheckResult[]): string {
  const warned = notPassed(results).map((r) => r.name);
  return `Machine checked: ${summaryLine(results).replace(/\.$/, '')}${warned.length ? ` (${warned.join(', ')})` : ''}.`;
}
