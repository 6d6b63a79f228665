import type { Problem } from '../errors.js';
import type { PlacedNodes } from './yaml-nodes.js';

/**
 * Answers and secrets are text, and the files fieldstation writes are UTF-8. Bytes that are not UTF-8
 * (a file saved as Latin-1, a stray byte) would be decoded as U+FFFD and written as that: a different
 * value from the one meant, silently. So input must be valid UTF-8, and is refused naming where it is not.
 * `ignoreBOM` keeps a leading byte-order mark as text, as Node's own 'utf8' decoding always did.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** What input that is not valid UTF-8 turns into when decoded anyway (Node does so with the environment). */
export const REPLACEMENT = '\uFFFD';

/** The answers file's text: exact when it is UTF-8, else with U+FFFD for each bad sequence and where those are. */
export function decodeAnswersBytes(bytes: Uint8Array): { text: string; replaced: number[] } {
  const exact = decodeUtf8(bytes);
  if (exact !== undefined) return { text: exact, replaced: [] };
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const replaced: number[] = [];
  // A U+FFFD written as valid bytes cannot be told apart here; it is refused along with the bad ones.
  for (let at = text.indexOf(REPLACEMENT); at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) replaced.push(at);
  return { text, replaced };
}

const FIX = 'Save the answers file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old.yaml > answers.yaml), or type the value again.';

/**
 * One problem for each key whose value holds bad bytes, named by its key path; bad bytes in a comment or a
 * key's own name are reported by line, since no answer holds them.
 */
export function invalidUtf8Problems(nodes: PlacedNodes, lineAt: (offset: number) => number, replaced: readonly number[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const offset of replaced) {
    const path = nodes.values.find((v) => v.value !== undefined && offset >= v.value[0] && offset < v.value[1])?.path;
    const line = lineAt(offset);
    const id = path ? `key:${path.join('.')}` : `line:${line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(path
      ? { path: path.join('.'), line, severity: 'error', message: 'is not valid UTF-8: it holds bytes that no UTF-8 text has (read as U+FFFD)', fix: FIX }
      : { path: '', line, severity: 'error', message: 'the file is not valid UTF-8: this line holds bytes that no UTF-8 text has, in a comment or a key\'s name', fix: FIX });
  }
  return problems;
}
