import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from '../errors.js';
import { isPlainObject } from './mapping.js';
import { decodeAnswersBytes, invalidUtf8Problems } from './utf8.js';

/** The parsed answers file: plain data, plus the line each key path came from, for messages. */
export interface AnswersDocument {
  readonly data: unknown;
  readonly problems: readonly Problem[];
  lineOf(path: readonly string[]): number | undefined;
}

export const ANSWERS_FILE_VERSION = 1;

/** Parses an answers file's bytes, which must be UTF-8: each answer that holds other bytes is a problem. */
export function parseAnswersBytes(bytes: Uint8Array): AnswersDocument {
  const { text, replaced } = decodeAnswersBytes(bytes);
  return parseAnswersText(text, replaced);
}

/**
 * Parses YAML text (no reading here: text in, data out). Duplicate keys and syntax errors are problems;
 * so is each U+FFFD at `replaced`, where the file's bytes were not UTF-8 (the data is still built, so that
 * every other problem is found too).
 */
export function parseAnswersText(text: string, replaced: readonly number[] = []): AnswersDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const problems: Problem[] = doc.errors.map((e) => ({
    path: '',
    line: lineCounter.linePos(e.pos[0]).line,
    severity: 'error' as const,
    message: `the file is not valid YAML: ${e.message.split('\n')[0]}`,
    fix: 'Fix the YAML syntax at that line (indentation, a missing ":" or an unclosed quote).',
  }));
  const lineOf = (path: readonly string[]): number | undefined => {
    // The key's own line is more useful than the value's (a nested mapping starts on the next line).
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of path) {
      if (!isMap(node)) return line;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) return line;
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) line = lineCounter.linePos(range[0]).line;
      node = pair.value;
    }
    return line;
  };
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      // The parse succeeded but the data cannot be built: an alias to an anchor that is not set before it,
      // or aliases that expand too far (a "billion laughs" file).
      problems.push({
        path: '',
        severity: 'error',
        message: `the file is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        fix: 'Answers files need no anchors or aliases (& and *): write each value where it belongs.',
      });
    }
  }
  problems.push(...invalidUtf8Problems(doc, lineCounter, replaced));
  return { data, problems, lineOf };
}

/** Reads `version` and `stack`; the stack id is checked against the known ids by the caller. */
export function readHeader(doc: AnswersDocument, knownStacks: readonly string[]): { stack?: string; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isPlainObject(doc.data)) {
    if (doc.problems.length === 0) {
      problems.push({
        path: '',
        severity: 'error',
        message: 'the file is not a YAML mapping of answers',
        fix: 'Start the file with "version: 1" and "stack: <name>" on their own lines; see examples/ for complete files.',
      });
    }
    return { problems };
  }
  const { version, stack } = doc.data;
  if (version === undefined) {
    problems.push({ path: 'version', severity: 'error', message: 'is missing', fix: `Add "version: ${ANSWERS_FILE_VERSION}" at the top.` });
  } else if (version !== ANSWERS_FILE_VERSION) {
    problems.push({
      path: 'version',
      line: doc.lineOf(['version']),
      severity: 'error',
      message: `is ${JSON.stringify(version)}, a version this fieldstation does not read`,
      fix: `Use "version: ${ANSWERS_FILE_VERSION}".`,
    });
  }
  const list = knownStacks.join(', ');
  if (stack === undefined) {
    problems.push({ path: 'stack', severity: 'error', message: 'is missing', fix: `Add "stack: <name>", one of: ${list}.` });
    return { problems };
  }
  if (typeof stack !== 'string' || !knownStacks.includes(stack)) {
    problems.push({
      path: 'stack',
      line: doc.lineOf(['stack']),
      severity: 'error',
      message: `is ${JSON.stringify(stack)}, which is not a server fieldstation sets up`,
      fix: `Use one of: ${list}.`,
    });
    return { problems };
  }
  return { stack, problems };
}
