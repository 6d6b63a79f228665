import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/core/plan/diff.js';

/** unifiedDiff as it was before new files got their own path: every file through the diff library. */
function throughLibrary(path: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, before ?? '', after, undefined, undefined, { context: 3 })
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .map((line) => line.replace(/^(---|\+\+\+) (\S+)\t$/, '$1 $2'))
    .join('\n')
    .trimEnd();
}

const texts = [
  'a\n',
  '\n',
  '\n\n\n',
  'a\nb\n',
  'a\n\n\n',
  'trailing spaces   \n  \n',
  'KEY=value\n# comment\n\n+++ b/x\t\n--- a/y\t\n==========\n',
  'no newline at the end',
  'crlf\r\nlines\r\n',
  '',
  'tab\there\n\ttabbed\t\n',
  'unicode: é ü ✓ \u{1F600}\n',
  `${Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n')}\n`,
];
const paths = ['.env', 'conf/log/webserver.conf', '/etc/systemd/system/x.service', 'with space.txt', 'quo"te', 'back\\slash', 'ünï.txt', 'tab\tname'];

describe('unifiedDiff', () => {
  it('gives a new file the very diff the library gives, whatever its text and path', () => {
    for (const path of paths) {
      for (const text of texts) expect(unifiedDiff(path, undefined, text), `${path}: ${JSON.stringify(text)}`).toBe(throughLibrary(path, undefined, text));
    }
  });

  it('diffs a changed file through the library', () => {
    expect(unifiedDiff('.env', 'a\nb\n', 'a\nc\n')).toBe(throughLibrary('.env', 'a\nb\n', 'a\nc\n'));
    expect(unifiedDiff('.env', '', 'a\n')).toBe(throughLibrary('.env', '', 'a\n'));
    expect(unifiedDiff('.env', 'same\n', 'same\n')).toBe('');
  });
});
