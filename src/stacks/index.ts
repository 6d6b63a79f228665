import type { Stack } from '../core/stack.js';
import { CATALOG } from './catalog.js';

/** Each server's module, loaded only when it is used. */
const LOADERS: Readonly<Record<string, () => Promise<Stack>>> = {
  stickypi: async () => (await import('./stickypi/index.js')).stickypi,
  emission: async () => (await import('./emission/index.js')).emission,
  ichnaea: async () => (await import('./ichnaea/index.js')).ichnaea,
};

/** The registered servers: what each is, and how to load it. */
export const STACKS = CATALOG.map((about) => {
  const load = LOADERS[about.id];
  if (!load) throw new Error(`stack ${about.id} is in the catalogue but has no loader in src/stacks/index.ts`);
  return { about, load };
});
