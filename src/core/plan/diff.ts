import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file, `git diff` style; empty when nothing changed. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  if (before === undefined && isPlainNewFile(path, after)) return newFilePatch(path, after);
  return createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, before ?? '', after, undefined, undefined, { context: 3 })
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .map((line) => line.replace(/^(---|\+\+\+) (\S+)\t$/, '$1 $2'))
    .join('\n')
    .trimEnd();
}

/**
 * A new file (every file of a first plan) whose text the diff library would give as one hunk of added
 * lines with nothing to quote: its text ends with a newline and has no carriage return, and its path is
 * printable ASCII without a quote or backslash. Any other file goes through the library.
 */
const isPlainNewFile = (path: string, after: string): boolean => after.endsWith('\n') && !after.includes('\r') && /^[\x20-\x7e]*$/.test(path) && !/["\\]/.test(path);

/**
 * What unifiedDiff makes of createTwoFilesPatch('/dev/null', `b/${path}`, '', after) for such a file
 * (test/unit/core/plan-diff compares the two), without running a line diff against nothing and without
 * taking the patch apart again: a first plan diffs every file it writes.
 */
function newFilePatch(path: string, after: string): string {
  const body = after.slice(0, -1);
  let lines = 1;
  for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) lines++;
  return `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines} @@\n+${body.replaceAll('\n', '\n+')}`.trimEnd();
}
