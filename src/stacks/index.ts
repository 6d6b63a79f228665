import type { Stack } from '../core/stack.js';

/**
 * The servers fieldstation sets up. Each loads on demand, so `--help` pays for none of them.
 * Adding a server means adding one line here and its own folder; no other stack changes.
 */
const loaders: Readonly<Record<string, () => Promise<Stack>>> = {
  stickypi: async () => (await import('./stickypi/index.js')).stickypi,
};

export const STACK_IDS: readonly string[] = Object.keys(loaders);

export async function loadStack(id: string): Promise<Stack | undefined> {
  const load = loaders[id];
  return load ? load() : undefined;
}
