/**
 * Text cut into rows of at most `width` characters the way Ink wraps it (greedy, at spaces; words longer
 * than a row are cut), so a screen can give what is left of the terminal's height to a scrolling part.
 * Counts characters, not display width: close enough for the mostly ASCII texts shown here.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  for (const line of text.split('\n')) {
    let row: string | undefined;
    for (const word of line.split(' ')) {
      if (row !== undefined && row.length + 1 + word.length <= w) row += ` ${word}`;
      else {
        if (row !== undefined) rows.push(row);
        row = word;
      }
      while (row.length > w) {
        rows.push(row.slice(0, w));
        row = row.slice(w);
      }
    }
    rows.push(row ?? '');
  }
  return rows;
}

/** How many rows `text` takes at `width` columns. */
export const wrapHeight = (text: string, width: number): number => wrapText(text, width).length;

/** A bulleted paragraph as rows: the bullet on the first, the rest indented under the text. */
export function bulletRows(bullet: string, text: string, width: number): string[] {
  const indent = ' '.repeat(bullet.length + 1);
  return wrapText(text, width - indent.length).map((row, i) => (i === 0 ? `${bullet} ${row}` : `${indent}${row}`));
}

/** One row of at most `width` characters: cut with `ellipsis` (the theme's, so ASCII stays ASCII). */
export function fitRow(text: string, width: number, ellipsis: string): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  const keep = Math.max(0, width - ellipsis.length);
  return chars.slice(0, keep).join('') + ellipsis.slice(0, width - keep);
}

/** Parts joined by `sep` into rows of at most `width`, breaking only between parts (key hints). */
export function joinRows(parts: readonly string[], sep: string, width: number): string[] {
  const rows: string[] = [];
  let row: string | undefined;
  for (const part of parts) {
    if (row !== undefined && row.length + sep.length + part.length <= width) row += sep + part;
    else {
      if (row !== undefined) rows.push(row);
      row = part;
    }
  }
  if (row !== undefined) rows.push(row);
  return rows.flatMap((r) => wrapText(r, width));
}
