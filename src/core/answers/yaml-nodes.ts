import { EVENT_ID, getScalarValue, type Event } from 'js-yaml';

/** Where a key and its scalar value sit in the answers file's text (offsets, end-exclusive). */
export interface PlacedValue {
  readonly path: readonly string[];
  /** The offset of the key's first character; undefined for the items of a list and the document itself. */
  readonly keyAt?: number;
  /** The value's own text, for a scalar or an alias; undefined for a mapping or a list. */
  readonly value?: readonly [number, number];
}

/** Every node that names an answer; offsets in none of their values are in a key or a comment. */
export interface PlacedNodes {
  readonly values: readonly PlacedValue[];
}

interface Frame {
  readonly path: readonly string[];
  readonly mapping: boolean;
  /** The document itself: its one node is the root, at the empty path. */
  readonly document?: boolean;
  /** A mapping's next node is a key; the key read last, for the value after it. */
  expectKey: boolean;
  key?: string;
  keyAt?: number;
  index: number;
}

/**
 * Walks js-yaml's parser events (the same events that build the data) into the key path of every node,
 * with the offsets of keys and scalar values: the answers file's messages name a key and its line.
 * A key that is itself a mapping or a list (`? [a, b]: x`) has no path; its contents are skipped.
 */
export function placeNodes(source: string, events: readonly Event[]): PlacedNodes {
  const values: PlacedValue[] = [];
  const stack: Frame[] = [];
  // Depth inside a complex key, whose nodes belong to no answer.
  let skipping = 0;
  const open = (path: readonly string[] | undefined, mapping: boolean) => {
    if (path === undefined) skipping++;
    else stack.push({ path, mapping, expectKey: mapping, index: 0 });
  };
  /** The path of the node that starts now, or undefined for a key (recorded on its frame). */
  const place = (ev: Event & { type: 2 | 3 | 4 | 5 }): { path?: readonly string[]; keyAt?: number; isKey: boolean } => {
    const top = stack[stack.length - 1];
    if (top === undefined || top.document) return { path: [], isKey: false };
    if (top.mapping && top.expectKey) {
      top.expectKey = false;
      top.key = ev.type === EVENT_ID.SCALAR ? getScalarValue(source, ev) : undefined;
      top.keyAt = ev.type === EVENT_ID.SCALAR ? ev.valueStart : undefined;
      return { isKey: true };
    }
    if (top.mapping) {
      top.expectKey = true;
      return top.key === undefined ? { isKey: false } : { path: [...top.path, top.key], keyAt: top.keyAt, isKey: false };
    }
    return { path: [...top.path, String(top.index++)], isKey: false };
  };
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      stack.push({ path: [], mapping: false, document: true, expectKey: false, index: 0 });
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      if (skipping > 0) skipping--;
      else stack.pop();
      continue;
    }
    const collection = ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE;
    if (skipping > 0) {
      if (collection) skipping++;
      continue;
    }
    const at = place(ev);
    if (at.isKey) {
      // A complex key's own contents name no answer.
      if (collection) skipping++;
      continue;
    }
    if (collection) {
      if (at.path !== undefined) values.push({ path: at.path, keyAt: at.keyAt });
      open(at.path, ev.type === EVENT_ID.MAPPING);
      continue;
    }
    if (at.path === undefined) continue;
    const range = ev.type === EVENT_ID.SCALAR ? ([ev.valueStart, ev.valueEnd] as const) : ([ev.anchorStart - 1, ev.anchorEnd] as const);
    values.push({ path: at.path, keyAt: at.keyAt, value: range });
  }
  return { values };
}
