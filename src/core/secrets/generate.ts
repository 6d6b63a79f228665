/** Random bytes, supplied from outside (node:crypto in the program, a seeded stream in golden tests). */
export type RandomBytes = (count: number) => Uint8Array;

export const ALPHABETS = {
  /** Letters and digits: safe in URLs, env files, SQL strings and shell words without quoting surprises. */
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  /** The base64url alphabet (RFC 4648 §5): safe in URLs and file names. */
  urlsafe: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  hex: '0123456789abcdef',
} as const;
export type AlphabetName = keyof typeof ALPHABETS;

export interface GenerateSpec {
  /** Random characters in each value (after the prefix). */
  readonly length: number;
  readonly alphabet: AlphabetName;
  /** Text in front of each value, in the format upstream expects (e.g. e-mission's `nrelop_<study>_default_`). */
  readonly prefix?: string;
  /** Several values, one per line (e.g. one sign-in code per participant); one when left out. */
  readonly count?: number;
}

/**
 * Draws `length` characters uniformly from the alphabet. Bytes at or above the largest multiple of the
 * alphabet size are rejected, so no character is more likely than another (no modulo bias).
 */
export function generateSecret(random: RandomBytes, spec: GenerateSpec): string {
  const standIn = (random as Partial<StandIns>).standIn;
  const one = standIn ? () => standIn(spec) : () => randomText(random, spec);
  return Array.from({ length: spec.count ?? 1 }, () => (spec.prefix ?? '') + one()).join('\n');
}

function randomText(random: RandomBytes, spec: GenerateSpec): string {
  const alphabet = ALPHABETS[spec.alphabet];
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < spec.length) {
    // An indexed loop, not for...of: the typed array's iterator is slow in code that runs once (a plan's
    // 50 sign-in codes took ~3 ms of it).
    const bytes = random(spec.length * 2);
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === spec.length) break;
    }
  }
  return out;
}

/** A dry run's source: besides bytes, a stand-in value of a spec's shape made without drawing any. */
interface StandIns {
  standIn(spec: GenerateSpec): string;
}

/**
 * What a dry run (`fieldstation plan`) generates with: values of the right length and alphabet where
 * apply will generate secrets, so the plan renders and checks exactly as apply would. Not random and
 * never a secret: plan masks them in everything it shows and writes nothing; apply draws its own. Each
 * value is a counter written in the alphabet's own characters, padded with its first: different for each
 * value (fifty sign-in codes are fifty stand-ins), the same on every plan, and made without a loop over
 * bytes, which in a cold process costs more than the rest of a plan's secrets (JIT compiling it, measured).
 */
export function placeholderBytes(): RandomBytes {
  let state = 0x2545f491;
  let made = 0;
  const bytes: RandomBytes = (count) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      // xorshift32: a fixed, cheap stream whose bytes cover the whole range (so no alphabet stalls).
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 0xff;
    }
    return out;
  };
  const standIn = (spec: GenerateSpec): string => {
    const alphabet = ALPHABETS[spec.alphabet];
    let n = ++made;
    let digits = '';
    while (n > 0) {
      digits = alphabet[n % alphabet.length]! + digits;
      n = Math.floor(n / alphabet.length);
    }
    return alphabet[0]!.repeat(Math.max(0, spec.length - digits.length)) + digits.slice(-spec.length);
  };
  return Object.assign(bytes, { standIn });
}

/** What generation makes, in words: "32 random characters", or "20 values, each nrelop_s_default_ and 24 random characters". */
export const describeGenerated = (spec: GenerateSpec): string => {
  const one = `${spec.prefix ? `${spec.prefix} and ` : ''}${spec.length} random characters`;
  return (spec.count ?? 1) > 1 ? `${spec.count} values, one per line, each ${one}` : one;
};

/** Bits of entropy of a generated secret, for help texts. */
export const entropyBits = (spec: GenerateSpec): number =>
  Math.floor(spec.length * Math.log2(ALPHABETS[spec.alphabet].length));
