import { constructFromEvents, parseEvents, type Event } from 'js-yaml';
import type { Problem } from '../errors.js';
import { isPlainObject } from './mapping.js';
import { decodeAnswersBytes, invalidUtf8Problems } from './utf8.js';
import { placeNodes, type PlacedNodes } from './yaml-nodes.js';

/** The parsed answers file: plain data, plus the line each key path came from, for messages. */
export interface AnswersDocument {
  readonly data: unknown;
  readonly problems: readonly Problem[];
  lineOf(path: readonly string[]): number | undefined;
}

export const ANSWERS_FILE_VERSION = 1;

/** Aliases an answers file may use, and the nodes they may expand to: a "billion laughs" file stops here. */
const MAX_ALIASES = 50;
const MAX_NODES = 10_000;

/** Parses an answers file's bytes, which must be UTF-8: each answer that holds other bytes is a problem. */
export function parseAnswersBytes(bytes: Uint8Array): AnswersDocument {
  const { text, replaced } = decodeAnswersBytes(bytes);
  return parseAnswersText(text, replaced);
}

/**
 * Parses YAML 1.2 text with js-yaml's core schema (no reading here: text in, data out). The parser's
 * events build the data and say where each key is, so messages name a line; js-yaml stops at the first
 * syntax error or duplicate key, which is one problem with its line. Each U+FFFD at `replaced`, where the
 * file's bytes were not UTF-8, is a problem too (the data is still built, so every other one is found).
 */
export function parseAnswersText(text: string, replaced: readonly number[] = []): AnswersDocument {
  const lines = lineStarts(text);
  const lineAt = (offset: number) => lineNumber(lines, offset);
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch (error) {
    return { data: undefined, problems: [yamlProblem(error, lineAt)], lineOf: () => undefined };
  }
  // Where the nodes are is worked out only when a message needs a line.
  let placed: PlacedNodes | undefined;
  let keyOffsets: Map<string, number> | undefined;
  const nodes = () => (placed ??= placeNodes(text, events));
  const lineOf = (path: readonly string[]): number | undefined => {
    // The key's own line is more useful than the value's (a nested mapping starts on the next line); a key
    // that is not there is told at its closest parent's line.
    const keyAt = (keyOffsets ??= new Map(nodes().values.filter((v) => v.keyAt !== undefined).map((v) => [v.path.join('\0'), v.keyAt!])));
    for (let depth = path.length; depth > 0; depth--) {
      const at = keyAt.get(path.slice(0, depth).join('\0'));
      if (at !== undefined) return lineAt(at);
    }
    return undefined;
  };
  const problems: Problem[] = [];
  let data: unknown;
  try {
    const documents = constructFromEvents(events, { source: text, maxAliases: MAX_ALIASES });
    if (documents.length > 1) throw new AnswersShape('it holds more than one YAML document (a line "---" starts another)', 'Keep one document: remove the "---" line and what follows it, or merge the two.');
    data = documents[0];
    if (nodeCount(data, MAX_NODES) > MAX_NODES) throw new AnswersShape(`its aliases expand to more than ${MAX_NODES} values`, ALIAS_FIX);
  } catch (error) {
    data = undefined;
    problems.push(yamlProblem(error, lineAt));
  }
  if (replaced.length > 0) problems.push(...invalidUtf8Problems(nodes(), lineAt, replaced));
  return { data, problems, lineOf };
}

const ALIAS_FIX = 'Answers files need no anchors or aliases (& and *): write each value where it belongs.';

/** A file that parses but cannot be answers. */
class AnswersShape extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
  }
}

/** js-yaml's error (its reason and 0-based mark), or ours, as the file's problem. */
function yamlProblem(error: unknown, lineAt: (offset: number) => number): Problem {
  if (error instanceof AnswersShape) return { path: '', severity: 'error', message: `the file is not valid answers: ${error.message}`, fix: error.fix };
  const e = error as { reason?: unknown; mark?: { position?: unknown } } | null;
  const reason = typeof e?.reason === 'string' ? e.reason : error instanceof Error ? error.message.split('\n')[0]! : String(error);
  const position = typeof e?.mark?.position === 'number' ? e.mark.position : undefined;
  const alias = /alias/i.test(reason);
  return {
    path: '',
    ...(position === undefined ? {} : { line: lineAt(position) }),
    severity: 'error',
    message: `the file is not valid YAML: ${reason}`,
    fix: alias ? ALIAS_FIX : 'Fix the YAML syntax at that line (indentation, a missing ":" or an unclosed quote).',
  };
}

/** How many values `data` holds, counting each alias's target again, up to just past `limit`. */
function nodeCount(data: unknown, limit: number): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (++count > limit) return;
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) visit(item);
  };
  visit(data);
  return count;
}

/** The offset at which each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 1-based line of an offset. */
function lineNumber(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
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
