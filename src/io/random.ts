import { randomBytes } from 'node:crypto';
import type { RandomBytes } from '../core/secrets/generate.js';

/** The program's source of randomness for secrets: the operating system's CSPRNG, through node:crypto. */
export const cryptoRandom: RandomBytes = (count) => new Uint8Array(randomBytes(count));
