import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { TRACKED_NOTE } from '../../core/plan/describe.js';
import type { PlanView } from '../../core/plan/view.js';
import { hintRows, KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { clampScroll, diffTone, paneRows, ScrollPane } from './ScrollPane.js';
import { expandedRows, Select, type SelectItem } from './Select.js';
import type { Theme, Tone } from './theme.js';
import { useKeys } from './use-keys.js';
import { useUi } from './ui-context.js';
import { bulletRows, displayWidth, padDisplay, wrapHeight } from './wrap-text.js';

export interface PlanScreenProps {
  readonly plan: PlanView;
  readonly title: string;
  readonly isActive: boolean;
  readonly onApply: () => void;
  readonly onBack: () => void;
}

type Choice = { readonly kind: 'file'; readonly index: number } | { readonly kind: 'steps' } | { readonly kind: 'notes' } | { readonly kind: 'apply' } | { readonly kind: 'back' };
type File = PlanView['files'][number];

/** What the pane under the list shows for an item. */
interface PaneContent {
  readonly heading: string;
  readonly lines: readonly string[];
  readonly tone?: (line: string) => Tone | undefined;
  /** Where a line's rows after the first start: under a diff's + or -, under a step's title. */
  readonly hang: number;
}

const STATUS_GLYPH: Readonly<Record<File['status'], string>> = { new: '+', changed: '~', unchanged: '=' };

/** A file's row: status glyph and word, path, the secret marker, what it is. */
const fileLabel = (f: File, width: number) => `${STATUS_GLYPH[f.status]} ${f.status.padEnd(9)} ${padDisplay(f.path, width)}${f.secret ? '  [secret]' : ''}${f.tracked ? '  [tracked by git]' : ''}  ${f.description}`;
/** Where a highlighted file's row goes on when shown in full: under its path. */
const FILE_HANG = 12;
/** The list's name in the app's memory of highlights. */
const REMEMBER = 'plan';

/** Paths up to this long line up; a longer one (an absolute path) just runs on. */
const PATH_COLUMN = 24;
/** Below this many rows (heading included) the pane is left out: Enter shows it full height. */
const MIN_PANE_ROWS = 3;

function paneFor(choice: Choice, plan: PlanView, theme: Theme, width: number): PaneContent | undefined {
  const { glyphs } = theme;
  switch (choice.kind) {
    case 'file': {
      const f = plan.files[choice.index]!;
      const lines = f.diff === '' ? [] : f.diff.replace(/\n$/u, '').split('\n');
      return { heading: `${f.path}${glyphs.sep}${f.status}${f.secret ? ' (secret, masked)' : ''}`, lines: f.tracked ? [TRACKED_NOTE, ...lines] : lines, tone: diffTone, hang: 1 };
    }
    case 'steps':
      return { heading: 'Bootstrap steps, in order', lines: plan.steps.map((s, i) => theme.plain(`${String(i + 1).padStart(2)}. ${s.title} (${s.id})`)), hang: 4 };
    case 'notes': {
      const lines = [
        ...plan.warnings.flatMap((p) => [
          ...bulletRows(`${glyphs.warning} warning`, theme.plain(`${p.path || 'answers'}: ${p.message}`), width),
          ...(p.fix === undefined ? [] : bulletRows('         ', theme.plain(`fix: ${p.fix}`), width)),
        ]),
        ...plan.notes.flatMap((n) => bulletRows(glyphs.bullet, theme.plain(n), width)),
      ];
      return { heading: 'Notes and warnings', lines, tone: (line) => (line.startsWith(glyphs.warning) ? 'warn' : undefined), hang: 2 };
    }
    default:
      return undefined;
  }
}

/**
 * What applying would do, in the terminal's height: each file new, changed or unchanged (secret files
 * marked), the bootstrap steps and the notes and warnings as items of one list, and under it a pane with
 * the highlighted item (a file's diff, masked), scrolled with PgUp/PgDn; Enter shows it full height,
 * scrolled with the arrows. Then Apply, or Back to review.
 *
 * @example
 * ```
 * Plan · Field logger · /srv/logger
 * › + new       .env         settings and Compose variables
 *   + new       .secret.env  [secret]  passwords and keys
 *   Bootstrap steps (10)
 *   Notes and warnings (3 notes, 1 warning)
 *   Apply: write 3 files, then run 10 steps
 *   Back to review
 * ── .env · new · lines 1-8 of 27 ──────────────
 * ```
 */
export function PlanScreen({ plan, title, isActive, onApply, onBack }: PlanScreenProps) {
  const { theme, columns, rows, keys, cursors } = useUi();
  const { glyphs } = theme;
  const toWrite = plan.files.filter((f) => f.status !== 'unchanged').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const applyLabel = `Apply: ${toWrite === 0 ? 'nothing to write' : `write ${plural(toWrite, 'file')}`}, then run ${plural(plan.steps.length, 'step')}`;
  const pathWidth = Math.max(0, ...plan.files.map((f) => displayWidth(f.path)).filter((n) => n <= PATH_COLUMN));
  const notesLabel = [plan.notes.length > 0 ? plural(plan.notes.length, 'note') : '', plan.warnings.length > 0 ? plural(plan.warnings.length, 'warning') : ''].filter(Boolean).join(', ');
  const items: SelectItem<Choice>[] = [
    ...plan.files.map((f, index) => ({ key: `file:${f.path}`, label: fileLabel(f, pathWidth), data: { kind: 'file', index } as const })),
    { key: 'steps', label: `Bootstrap steps (${plan.steps.length})`, data: { kind: 'steps' } },
    ...(notesLabel === '' ? [] : [{ key: 'notes', label: `Notes and warnings (${notesLabel})`, data: { kind: 'notes' } as const }]),
    { key: 'apply', label: applyLabel, disabled: plan.blocked.length > 0 ? 'blocked: see above' : undefined, data: { kind: 'apply' } },
    { key: 'back', label: 'Back to review', data: { kind: 'back' } },
  ];
  const shows = (item: SelectItem<Choice> | undefined) => item !== undefined && item.data.kind !== 'apply' && item.data.kind !== 'back';

  // Back on this screen (from the full view, or from the review with a new plan), the highlight is where
  // it was (Select's memory), and the pane shows that item.
  const [highlighted, setHighlighted] = useState(() => items.find((i) => i.key === cursors.get(REMEMBER) && i.disabled === undefined) ?? items[0]!);
  const [paneChoice, setPaneChoice] = useState<Choice>(() => (shows(highlighted) ? highlighted.data : items[0]!.data));
  const scroll = useRef(0);
  const [offset, setOffset] = useState(0);
  const [fullView, setFullView] = useState(false);
  const pane = paneFor(paneChoice, plan, theme, columns);
  const lines = pane?.lines ?? [];
  // Long lines go on over the next rows: the pane scrolls by rows.
  const rowsShown = paneRows(lines, columns, { hang: pane?.hang ?? 0, tone: pane?.tone });

  const blocked = plan.blocked.map((p) => `${glyphs.cross} Cannot write ${p.path}: it ${p.reason}. ${p.fix ?? 'Nothing is written until it is gone.'}`);
  const warningLine = plan.warnings.length > 0 ? `${glyphs.warning} ${plural(plan.warnings.length, 'warning')}: see Notes and warnings.` : undefined;
  const hints = [`${glyphs.updown} choose`, 'Enter open / apply', 'PgUp/PgDn scroll', 'Esc review', 'Ctrl-C quit'];
  const fullHints = [`${glyphs.updown} scroll`, 'PgUp/PgDn page', 'Home/End', 'Esc or Enter back to the plan'];
  const used =
    wrapHeight(`Plan${glyphs.sep}${title}`, columns) +
    blocked.reduce((n, t) => n + wrapHeight(t, columns), 0) +
    (warningLine === undefined ? 0 : wrapHeight(warningLine, columns)) +
    items.length +
    // The highlighted item is shown in full, over more rows when it is long.
    (expandedRows(highlighted, columns, glyphs, FILE_HANG).length - 1) +
    hintRows(hints, glyphs.sep, columns) +
    1;
  // The pane (its heading and rows) gets the rows left; the full view all but its heading and the hints.
  const paneHeight = rows - used;
  const fullRows = Math.max(1, rows - 2 - hintRows(fullHints, glyphs.sep, columns));
  const page = fullView ? fullRows : Math.max(1, paneHeight - 1);

  const scrollBy = (delta: number) => {
    const next = clampScroll(scroll.current + delta, rowsShown.length, page);
    if (next === scroll.current) return;
    scroll.current = next;
    setOffset(next);
  };
  const paging = (_input: string, key: { readonly pageUp: boolean; readonly pageDown: boolean }) => {
    if (key.pageUp) scrollBy(-page);
    else if (key.pageDown) scrollBy(page);
  };
  useKeys(
    (input, key) => {
      if (key.upArrow) scrollBy(-1);
      else if (key.downArrow) scrollBy(1);
      else if (key.home) scrollBy(-rowsShown.length);
      else if (key.end) scrollBy(rowsShown.length);
      else if (key.escape || key.return || input === 'q') {
        setFullView(false);
        keys.hold();
      }
      else paging(input, key);
    },
    { isActive: isActive && fullView },
  );

  const choose = (item: SelectItem<Choice>) => {
    if (item.data.kind === 'apply') onApply();
    else if (item.data.kind === 'back') onBack();
    else setFullView(true);
  };
  const highlight = (item: SelectItem<Choice>) => {
    setHighlighted(item);
    if (!shows(item)) return;
    setPaneChoice(item.data);
    scroll.current = 0;
    setOffset(0);
  };

  if (fullView && pane) {
    return (
      <Box flexDirection="column">
        <ScrollPane heading={pane.heading} rows={rowsShown} lines={lines.length} offset={offset} height={fullRows} />
        <KeyHints hints={fullHints} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Paragraph bold>{`Plan${glyphs.sep}${title}`}</Paragraph>
      {blocked.map((t) => (
        <Paragraph key={t} tone="bad">
          {t}
        </Paragraph>
      ))}
      {warningLine !== undefined && <Paragraph tone="warn">{warningLine}</Paragraph>}
      <Select items={items} remember={REMEMBER} isActive={isActive && !fullView} onSelect={choose} onHighlight={highlight} onEscape={onBack} onOtherKey={paging} truncate expand={FILE_HANG} />
      {pane && paneHeight >= MIN_PANE_ROWS ? (
        <ScrollPane heading={pane.heading} rows={rowsShown} lines={lines.length} offset={offset} height={paneHeight - 1} />
      ) : (
        <Text color={theme.tone('muted')}>Enter on an item shows it in full.</Text>
      )}
      <KeyHints hints={hints} />
    </Box>
  );
}
