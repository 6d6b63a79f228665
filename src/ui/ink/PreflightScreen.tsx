import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { CheckResult } from '../../core/checks/check.js';
import type { ChecksChoice, RunKind } from '../../core/session/flow.js';
import { checksHeading, checksOptions } from '../session-words.js';
import { hintRows, KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { clampScroll, ScrollPane } from './ScrollPane.js';
import { Select, type SelectItem } from './Select.js';
import type { Glyphs, Tone } from './theme.js';
import { useUi } from './ui-context.js';
import { bulletRows, fitRow, wrapHeight } from './wrap-text.js';

export interface PreflightScreenProps {
  readonly results: readonly CheckResult[];
  readonly run: RunKind;
  readonly title: string;
  readonly dir: string;
  readonly isActive: boolean;
  readonly onChoose: (choice: ChecksChoice) => void;
}

const WORD: Readonly<Record<CheckResult['status'], string>> = { pass: 'pass', warn: 'warn', fail: 'FAIL', skipped: 'skip' };
const TONE: Readonly<Record<CheckResult['status'], Tone | undefined>> = { pass: 'ok', warn: 'warn', fail: 'bad', skipped: 'muted' };
const glyphOf = (status: CheckResult['status'], g: Glyphs): string => (status === 'pass' ? g.tick : status === 'fail' ? g.cross : status === 'warn' ? g.warning : g.skip);

/** A check's finding, its fix and (failed) what skipping it breaks, as rows of the pane. */
function findingRows(r: CheckResult, g: Glyphs, width: number, plain: (t: string) => string): string[] {
  return [
    ...bulletRows(glyphOf(r.status, g), plain(`${r.title} (${r.name}): ${r.detail}`), width),
    ...(r.fix === undefined ? [] : bulletRows('  fix:', plain(r.fix), width)),
    ...(r.status === 'fail' ? bulletRows('  if skipped:', plain(r.ifSkipped ?? 'the steps that need it may fail.'), width) : []),
  ];
}

/**
 * A check failed before anything was written: every check as doctor reports it (the passing ones in one
 * line when the terminal is short), and what to do, with every answer kept: check again, skip a failed
 * check (saying what will break), write the files only and run the bootstrap later, or go back. The
 * pane under the list shows the highlighted check's finding and fix, or all the failed ones'.
 *
 * @example
 * ```
 * Machine checks · Field logger · /srv/logger
 * The machine is not ready: clock failed. Nothing has been written, and every answer is kept.
 * ✓ pass  tool-sh  sh is /usr/bin/sh
 * ✗ FAIL  clock    the clock says 1970: it is not set
 * › Check again
 *   Skip clock and go on
 *   Write the files only; run the bootstrap later
 *   Back to the review
 * ── clock · 3 lines ──────────────────────────
 * ```
 */
export function PreflightScreen({ results, run, title, dir, isActive, onChoose }: PreflightScreenProps) {
  const { theme, columns, rows } = useUi();
  const { glyphs } = theme;
  const options = checksOptions(results, run, dir);
  const [highlighted, setHighlighted] = useState(0);
  const scroll = useRef(0);
  const [offset, setOffset] = useState(0);
  const items: SelectItem<number>[] = options.map((o, i) => ({ key: `${i}`, label: o.label, data: i }));
  const option = options[highlighted] ?? options[0]!;
  const skipping = option.value.kind === 'skip' ? (option.value as { name: string }).name : undefined;
  const shownChecks = skipping === undefined ? results.filter((r) => r.status !== 'pass') : results.filter((r) => r.name === skipping);
  const pane = [...shownChecks.flatMap((r, i) => [...(i > 0 ? [''] : []), ...findingRows(r, glyphs, columns, theme.plain)]), '', ...bulletRows(glyphs.arrow, theme.plain(option.description), columns)];

  const heading = checksHeading(results);
  const hints = [`${glyphs.updown} choose`, 'Enter select', 'PgUp/PgDn scroll', `Esc ${run === 'install' ? 'back to the review' : 'back'}`, 'Ctrl-C quit'];
  const width = Math.max(...results.map((r) => r.name.length));
  const fixed = wrapHeight(`Machine checks${glyphs.sep}${title}`, columns) + wrapHeight(heading, columns) + items.length + hintRows(hints, glyphs.sep, columns);
  // Each check on its row when there is room for a pane of a few rows too; else the passes in one row.
  const eachRow = rows - fixed - results.length >= 6;
  const passed = results.filter((r) => r.status === 'pass');
  const listed = eachRow ? results : results.filter((r) => r.status !== 'pass');
  const paneRows = Math.max(2, rows - fixed - listed.length - (eachRow || passed.length === 0 ? 0 : 1) - 1);

  const scrollBy = (delta: number) => {
    const next = clampScroll(scroll.current + delta, pane.length, paneRows - 1);
    if (next === scroll.current) return;
    scroll.current = next;
    setOffset(next);
  };
  return (
    <Box flexDirection="column">
      <Paragraph tone="muted">{`Machine checks${glyphs.sep}${title}`}</Paragraph>
      <Paragraph bold tone="bad">{heading}</Paragraph>
      {!eachRow && passed.length > 0 && <Text color={theme.tone('ok')}>{fitRow(`${glyphs.tick} pass  ${passed.map((r) => r.name).join(', ')}`, columns, glyphs.ellipsis)}</Text>}
      {listed.map((r) => (
        <Text key={r.name} color={theme.tone(TONE[r.status] ?? 'muted')}>
          {fitRow(`${glyphOf(r.status, glyphs)} ${WORD[r.status]}  ${r.name.padEnd(width)}  ${theme.plain(r.detail)}`, columns, glyphs.ellipsis)}
        </Text>
      ))}
      <Select
        items={items}
        isActive={isActive}
        onSelect={(i) => onChoose(options[i.data]!.value)}
        onHighlight={(i) => {
          setHighlighted(i.data);
          scroll.current = 0;
          setOffset(0);
        }}
        onEscape={() => onChoose({ kind: 'back' })}
        onOtherKey={(_input, key) => (key.pageUp ? scrollBy(-(paneRows - 1)) : key.pageDown ? scrollBy(paneRows - 1) : undefined)}
        truncate
      />
      <ScrollPane heading={skipping ?? 'what failed'} rows={pane.map((text, line) => ({ text, line, tone: undefined }))} lines={pane.length} offset={offset} height={paneRows - 1} />
      <KeyHints hints={hints} />
    </Box>
  );
}
