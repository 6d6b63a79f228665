import { createTwoFilesPatch } from 'diff';

/** A unified diff of one file, `git diff` style; empty when nothing changed. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, before ?? '', after, undefined, undefined, { context: 3 });
  return patch
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .map((line) => line.replace(/^(---|\+\+\+) (\S+)\t$/, '$1 $2'))
    .join('\n')
    .trimEnd();
}
