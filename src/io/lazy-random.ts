import type * as Crypto from 'node:crypto';
import type { RandomBytes } from '../core/secrets/generate.js';

/**
 * The operating system's CSPRNG through node:crypto, as cryptoRandom (./random.ts), with node:crypto
 * loaded at the first draw: loading it costs several milliseconds, and most commands draw nothing.
 * `load` gives node:crypto synchronously (process.getBuiltinModule).
 */
export function lazyCryptoRandom(load: () => typeof Crypto): RandomBytes {
  let crypto: typeof Crypto | undefined;
  return (count) => new Uint8Array((crypto ??= load()).randomBytes(count));
}
