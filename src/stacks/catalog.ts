import type { StackAbout } from '../core/stack.js';
import { about as emission } from './emission/about.js';
import { about as ichnaea } from './ichnaea/about.js';
import { about as stickypi } from './stickypi/about.js';

/**
 * The servers fieldstation sets up, told without loading them: `--help`, the server picker and the
 * examples read only this. Adding a server: its folder, a line here and a line in ./index.ts.
 */
export const CATALOG: readonly StackAbout[] = [stickypi, emission, ichnaea];
