import { isPlainObject } from './mapping.js';

/**
 * Answers are kept flat by question id ("s3.host") in state and in the wizard, and nested in answers files
 * (s3: {host: ...}). This module is the one place that converts between the two.
 */

/** The value at a dotted path in nested data, or undefined. */
export function getIn(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Nested data from flat entries: `{"s3.host": "x"}` becomes `{s3: {host: "x"}}`. Undefined values are left out. */
export function nest(flat: Readonly<Record<string, unknown>>, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [id, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const parts = id.split('.');
    let node = into;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return into;
}

/** Flat entries for the given ids, from nested data; ids with nothing there are left out. */
export function flatten(data: unknown, ids: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const value = getIn(data, id.split('.'));
    if (value !== undefined) out[id] = value;
  }
  return out;
}
