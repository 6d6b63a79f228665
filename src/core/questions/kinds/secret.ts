import type { GenerateSpec } from '../../secrets/generate.js';
import { entropyBits } from '../../secrets/generate.js';
import { asTyped, textProblem, type KindDefinition } from '../kind.js';
import type { Answers, QuestionBase } from '../types.js';
import { SECRET_FORMS } from '../../answers/secret-source.js';
import { REPLACEMENT } from '../../answers/utf8.js';

/**
 * What may happen to a secret once it is in use. `rotatable`: a new value can be made live (the stack's
 * steps see the previous value beside the new one and do what it takes, e.g. ALTER USER before a restart).
 * `pinned`: it encrypts stored data or signs long-lived tokens, so a new value would lose data or lock
 * people out; it is never rotated without an explicit, separate confirmation that states `because`.
 */
export type SecretLifecycle = { readonly kind: 'rotatable' } | { readonly kind: 'pinned'; readonly because: string };

/**
 * Characters a secret must not hold, and why: upstream puts some secrets unescaped into a URL (or another
 * syntax) where they mean something else, so the server would break on a value every file can carry.
 */
export interface ForbiddenCharacters {
  /** Each character refused, e.g. "@/:#?%". */
  readonly characters: string;
  /** Why, to end "contains '@', which ...": e.g. "upstream puts unescaped into a mysql+pymysql:// URL". */
  readonly because: string;
  /** What is always safe instead, for the fix: e.g. "letters, digits and - _ . ~". */
  readonly safe: string;
}

/** A secret, declared once: its rules, how it is generated, where it is written and its lifecycle. */
export interface SecretRules {
  readonly minLength: number;
  readonly maxLength?: number;
  /** Characters refused in a given value; a generated one must come from an alphabet without them. */
  readonly forbidden?: ForbiddenCharacters;
  /** How to generate one, or undefined when it must come from elsewhere (e.g. a provider's key). */
  readonly generate?: GenerateSpec | ((answers: Answers) => GenerateSpec | undefined);
  /** When `generate` depends on other answers: says when, for the reference (e.g. "when s3.mode is local"). */
  readonly generateWhen?: string;
  readonly lifecycle: SecretLifecycle;
  /**
   * Where the value lives once written: one of the stack's files and the key its format reads it by (an env
   * variable, a dotted JSON path). A re-run reads it back from there instead of generating a new one.
   */
  readonly storedIn?: {
    readonly file: string;
    readonly key: string;
    /**
     * The value at `key` holds the secret inside a URL, as its password (`scheme://user:PASSWORD@host`,
     * percent-encoded): Ichnaea keeps its database passwords only inside its three database URIs.
     */
    readonly within?: 'url-password';
  };
}

export type SecretQuestion = Omit<QuestionBase<'secret', never>, 'default' | 'validate' | 'example'> & {
  readonly secret: SecretRules;
  readonly validate?: (value: string, answers: Answers) => string | undefined;
};

export function generateSpecOf(q: SecretQuestion, answers: Answers): GenerateSpec | undefined {
  const g = q.secret.generate;
  return typeof g === 'function' ? g(answers) : g;
}

export const secret: KindDefinition<SecretQuestion> = {
  kind: 'secret',
  field: 'secret',
  parse: asTyped,
  check(raw, q) {
    const notText = textProblem(raw);
    if (notText !== undefined) return notText;
    const value = raw as string;
    // The rule first, then how far off this one is: the length is said, never the value.
    if (value.length < q.secret.minLength) return `is too short: it needs at least ${q.secret.minLength} characters and has ${value.length}`;
    if (q.secret.maxLength !== undefined && value.length > q.secret.maxLength) return `is too long: it may have at most ${q.secret.maxLength} characters and has ${value.length}`;
    // What bytes that are not UTF-8 became when read as text (the environment, a file read back): never the value meant.
    if (value.includes(REPLACEMENT)) return 'is not valid UTF-8 (or holds U+FFFD)';
    return forbiddenProblem(q.secret, value);
  },
  expected: () => `Give it as ${SECRET_FORMS}.`,
  schema: (q) => ({
    oneOf: [
      {
        type: 'string',
        minLength: q.secret.minLength,
        ...(q.secret.forbidden ? { pattern: noneOf(q.secret.forbidden.characters) } : {}),
        description: `A literal value (allowed, but anyone who can read the file can read it)${q.secret.forbidden ? `, without ${[...q.secret.forbidden.characters].join(' ')}` : ''}.`,
      },
      { type: 'object', properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } }, required: ['env'], additionalProperties: false, description: 'Read from this environment variable.' },
      { type: 'object', properties: { file: { type: 'string', minLength: 1 } }, required: ['file'], additionalProperties: false, description: 'Read from this file (relative to the answers file).' },
      { type: 'object', properties: { keychain: { type: 'string', pattern: '^[^/]+/.+$' } }, required: ['keychain'], additionalProperties: false, description: 'Read from the OS keychain as service/account (reserved; not read by this version).' },
      ...(q.secret.generate ? [{ type: 'object', properties: { generate: { const: true } }, required: ['generate'], additionalProperties: false, description: 'Generate a random value (kept on re-runs).' }] : []),
    ],
  }),
  label: (q) => `secret, min ${q.secret.minLength} chars${q.secret.forbidden ? `, none of ${[...q.secret.forbidden.characters].join(' ')}` : ''}`,
};

/** Which forbidden characters the value holds (named, never the value), and why they are refused. */
export function forbiddenProblem(rules: SecretRules, value: string): string | undefined {
  const rule = rules.forbidden;
  if (!rule) return undefined;
  const found = [...rule.characters].filter((c) => value.includes(c)).map((c) => `'${c}'`);
  if (found.length === 0) return undefined;
  const named = found.length === 1 ? found[0]! : `${found.slice(0, -1).join(', ')} and ${found[found.length - 1]!}`;
  return `contains ${named}, which ${rule.because}`;
}

/** A pattern for the JSON Schema: none of the characters, anywhere (a class's own \\ ] ^ - escaped). */
const noneOf = (characters: string): string => `^[^${characters.replace(/[\\\]^-]/g, '\\$&')}]*$`;

/** The default column of the reference for a secret: generated, and how strong. */
export function secretDefaultText(q: SecretQuestion): string {
  if (q.secret.generateWhen) return `required; generated ${q.secret.generateWhen}`;
  const g = generateSpecOf(q, {});
  return g ? `generated (${g.length} chars, ${entropyBits(g)} bits)` : 'required';
}
