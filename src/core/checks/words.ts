/** Words shared by the checks' verdicts. */

const GB = 1024 ** 3;
const MB = 1024 ** 2;

/** Bytes for people, in the stack's units (GB = 1024³ bytes): "16.0 GB", "512 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.round(bytes)} bytes`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The first line of a child's error output, trimmed, for a one-line detail. */
export const firstLine = (text: string): string => text.trim().split('\n')[0]?.trim() ?? '';
