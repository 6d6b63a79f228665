/** What a list needs to know about an item to move through it. */
export interface Navigable {
  readonly label: string;
  readonly value?: string;
  /** Shown but never selected (arrows and typing skip it). */
  readonly disabled?: boolean;
}

/** The first item from `start` (inclusive) that can be selected, or -1. */
export function firstEnabled(items: readonly Navigable[], start = 0): number {
  for (let i = 0; i < items.length; i++) {
    const at = (start + i) % items.length;
    if (!items[at]!.disabled) return at;
  }
  return -1;
}

/** The last item that can be selected, or -1. */
export function lastEnabled(items: readonly Navigable[]): number {
  for (let at = items.length - 1; at >= 0; at--) if (!items[at]!.disabled) return at;
  return -1;
}

/** The next selectable item `delta` steps away, wrapping around the ends. */
export function stepIndex(items: readonly Navigable[], from: number, delta: number): number {
  const n = items.length;
  let at = from;
  for (let i = 0; i < n; i++) {
    at = (((at + Math.sign(delta)) % n) + n) % n;
    if (!items[at]!.disabled) return at;
  }
  return from;
}

/** A page away, stopping at the ends instead of wrapping. */
export function pageIndex(items: readonly Navigable[], from: number, delta: number): number {
  let at = Math.min(items.length - 1, Math.max(0, from + delta));
  while (at >= 0 && at < items.length && items[at]!.disabled) at += Math.sign(delta) || 1;
  return at >= 0 && at < items.length ? at : from;
}

const starts = (item: Navigable, prefix: string) =>
  !item.disabled && (item.label.toLowerCase().startsWith(prefix) || (item.value?.toLowerCase().startsWith(prefix) ?? false));

/**
 * Type-ahead: letters typed jump to the first item whose label (or value) starts with them. The typed
 * prefix grows while something matches; a letter that matches nothing with the prefix starts a new one.
 */
export function typeAhead(items: readonly Navigable[], prefix: string, typed: string): { index: number | undefined; prefix: string } {
  const grown = (prefix + typed).toLowerCase();
  const again = items.findIndex((item) => starts(item, grown));
  if (again >= 0) return { index: again, prefix: grown };
  const fresh = typed.toLowerCase();
  const alone = items.findIndex((item) => starts(item, fresh));
  return alone >= 0 ? { index: alone, prefix: fresh } : { index: undefined, prefix: '' };
}

/** Which items to show when only `limit` fit: a window around the selected one. */
export function windowAround(index: number, count: number, limit: number): { start: number; end: number } {
  if (count <= limit) return { start: 0, end: count };
  const start = Math.min(Math.max(0, index - Math.floor(limit / 2)), count - limit);
  return { start, end: start + limit };
}
