import { createHash } from 'node:crypto';
import type { RandomBytes } from '../../src/core/secrets/generate.js';

/** A deterministic byte stream (SHA-256 in counter mode) so golden files hold stable, obviously fake secrets. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (count) => {
    while (pool.length < count) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, count);
    pool = pool.slice(count);
    return out;
  };
}
