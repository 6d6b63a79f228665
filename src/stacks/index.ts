import type { Stack } from '../core/stack.js';
import { stickypi } from './stickypi/index.js';

/**
 * The servers fieldstation sets up. The registry is loaded with the commands, never for `--help`.
 * Adding a server means adding one line here and its own folder; no other stack changes.
 * (Loading is async so a stack may become a lazy chunk again if the catalogue grows large.)
 */
const loaders: Readonly<Record<string, () => Promise<Stack>>> = {
  stickypi: async () => stickypi,
};

export const STACK_IDS: readonly string[] = Object.keys(loaders);

export async function loadStack(id: string): Promise<Stack | undefined> {
  const load = loaders[id];
  return load ? load() : undefined;
}
