import type { Requirements } from '../core/stack.js';
import type { CliContext } from './context.js';

/** Placeholder until doctor lands: the real checks replace this. */
export async function preflight(_ctx: CliContext, _requirements: Requirements, _skip: readonly string[], _options: { json: boolean; resuming?: boolean }): Promise<void> {}
