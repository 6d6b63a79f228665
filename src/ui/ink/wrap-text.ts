import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * Text measured and cut as the terminal shows it: a CJK character or an emoji takes two columns, an
 * accent none. The same libraries (and versions) as Ink's own layout, so a screen's sums match what Ink
 * draws and it can give what is left of the terminal's height to a scrolling part.
 */
export const displayWidth = (text: string): number => stringWidth(text);

/** `text` with spaces after it up to `width` columns (String.padEnd counts UTF-16 units, not columns). */
export const padDisplay = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * Prose cut into rows of at most `width` columns: greedy, at spaces; words longer than a row are cut. A
 * line's leading spaces stay, on every row it wraps into. Done before Ink sees the text, because Ink's
 * own wrap moves the space after a word that fills a row to the start of the next one.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  return text.split('\n').flatMap((line) => {
    const indent = /^ */u.exec(line)![0];
    const body = line.slice(indent.length);
    if (body === '') return [line.slice(0, w)];
    const hang = indent.length < w ? indent : '';
    return wrapAnsi(body, w - hang.length, { hard: true, trim: true }).split('\n').map((row) => hang + row);
  });
}

/** How many rows `text` takes at `width` columns. */
export const wrapHeight = (text: string, width: number): number => wrapText(text, width).length;

/** A bulleted paragraph as rows: the bullet on the first, the rest indented under the text. */
export function bulletRows(bullet: string, text: string, width: number): string[] {
  const indent = ' '.repeat(displayWidth(bullet) + 1);
  return wrapText(text, width - indent.length).map((row, i) => (i === 0 ? `${bullet} ${row}` : `${indent}${row}`));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A value (a path, a key, a diff line) cut into rows of `width` columns exactly where a row is full, not at
 * spaces, so that every character of it shows and none moves; rows after the first start with `hang`
 * spaces (under a diff's +/-, or under the answer on the review).
 *
 * @example
 * cutRows("+COMPOSE_FILE='a.yml:b.yml'", 16, 1) // ["+COMPOSE_FILE='a", " .yml:b.yml'"]
 */
export function cutRows(text: string, width: number, hang = 0): string[] {
  const room = Math.max(1, width);
  const indent = hang < room ? ' '.repeat(hang) : '';
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > room && used > indent.length) {
      rows.push(row);
      row = indent;
      used = indent.length;
    }
    row += segment;
    used += w;
  }
  rows.push(row);
  return rows;
}

/**
 * Prose cut into rows at spaces (words longer than a row are cut), rows after the first indented `hang`
 * columns: a list item shown in full, its label on the first row and the rest under its value.
 *
 * @example
 * hangingRows('Storage  remote: Also in a remote archive', 26, 9) // ['Storage  remote: Also in a', '         remote archive']
 */
export function hangingRows(text: string, width: number, hang: number): string[] {
  const room = Math.max(1, width);
  const first = wrapAnsi(text, room, { hard: true, trim: true }).split('\n')[0] ?? '';
  const rest = text.slice(first.length).replace(/^ +/u, '');
  if (rest === '') return [first];
  const indent = hang < room ? ' '.repeat(hang) : '';
  return [first, ...wrapAnsi(rest, room - indent.length, { hard: true, trim: true }).split('\n').map((row) => indent + row)];
}

/** One row of at most `width` columns: cut with `ellipsis` (the theme's, so ASCII stays ASCII). */
export function fitRow(text: string, width: number, ellipsis: string): string {
  if (displayWidth(text) <= width) return text;
  return cliTruncate(text, Math.max(0, width), { truncationCharacter: ellipsis });
}

/** Parts joined by `sep` into rows of at most `width` columns, breaking only between parts (key hints). */
export function joinRows(parts: readonly string[], sep: string, width: number): string[] {
  const rows: string[] = [];
  let row: string | undefined;
  for (const part of parts) {
    if (row !== undefined && displayWidth(row + sep + part) <= width) row += sep + part;
    else {
      if (row !== undefined) rows.push(row);
      row = part;
    }
  }
  if (row !== undefined) rows.push(row);
  return rows.flatMap((r) => wrapText(r, width));
}
