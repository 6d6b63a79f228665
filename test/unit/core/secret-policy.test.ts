import { describe, expect, it } from 'vitest';
import { checkSecretValue } from '../../../src/core/answers/check.js';
import type { SecretSource } from '../../../src/core/answers/secret-source.js';
import { ALPHABETS, generateSecret } from '../../../src/core/secrets/generate.js';
import { settleSecrets, type SecretDecision, type SettleInput } from '../../../src/core/secrets/policy.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { secretQuestions } from './beacon.js';

/** Beacon's three secrets: storage.key (issued elsewhere), secrets.token (rotatable), secrets.vault_key (pinned). */
const ANSWERS = { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', 'storage.mode': 'remote', 'storage.url': 'https://archive.example.org/b' };
const SEED = 'settle-secrets';
const settle = (over: Partial<SettleInput>) => settleSecrets({
  questions: secretQuestions(),
  sources: {},
  given: {},
  stored: {},
  answers: ANSWERS,
  random: seededRandom(SEED),
  ...over,
});

const generate: SecretSource = { kind: 'generate' };
const env = (name: string): SecretSource => ({ kind: 'env', name });
const TOKEN = 'old-upload-token-000001';
const VAULT = 'old-vault-key-0123456789-0123456789-abcd';
const NEW_TOKEN = 'new-upload-token-000002';
const NEW_VAULT = 'new-vault-key-0123456789-0123456789-wxyz';
/** What the seeded stream gives, drawn in the order settleSecrets draws: the token, then the vault key. */
const random = seededRandom(SEED);
const GENERATED_TOKEN = generateSecret(random, { length: 24, alphabet: 'alnum' });
const GENERATED_VAULT = generateSecret(random, { length: 40, alphabet: 'urlsafe' });
const PINNED = 'but it is pinned: it encrypts the stored readings, which a new key could not read';
const PINNED_FIX = 'Answer {generate: true} to keep the value in use (in .env); changing it needs a separate, explicit confirmation.';

describe('settleSecrets', () => {
  it.each<[string, Partial<SettleInput>, SecretDecision[]]>([
    ['a given value is used when nothing is stored', { sources: { 'secrets.token': env('T') }, given: { 'secrets.token': NEW_TOKEN } }, [{ id: 'secrets.token', action: 'given', value: NEW_TOKEN }]],
    ['a given value replaces a rotatable one in use', { sources: { 'secrets.token': env('T') }, given: { 'secrets.token': NEW_TOKEN }, stored: { 'secrets.token': TOKEN } }, [{ id: 'secrets.token', action: 'given', value: NEW_TOKEN }]],
    ['a given pinned value equal to the one in use is used', { sources: { 'secrets.vault_key': env('V') }, given: { 'secrets.vault_key': VAULT }, stored: { 'secrets.vault_key': VAULT } }, [{ id: 'secrets.vault_key', action: 'given', value: VAULT }]],
    ['a given pinned value is used when nothing is stored', { sources: { 'secrets.vault_key': env('V') }, given: { 'secrets.vault_key': NEW_VAULT } }, [{ id: 'secrets.vault_key', action: 'given', value: NEW_VAULT }]],
    ['a given value that could not be read is left to its read problem', { sources: { 'storage.key': env('K') } }, []],
    ['generate keeps a stored value that still passes its rules', { sources: { 'secrets.token': generate }, stored: { 'secrets.token': TOKEN } }, [{ id: 'secrets.token', action: 'keep', value: TOKEN }]],
    ['generate keeps a pinned value in use', { sources: { 'secrets.vault_key': generate }, stored: { 'secrets.vault_key': VAULT } }, [{ id: 'secrets.vault_key', action: 'keep', value: VAULT }]],
    ['generate makes a new value when nothing is stored', { sources: { 'secrets.token': generate } }, [{ id: 'secrets.token', action: 'generate', value: GENERATED_TOKEN }]],
    ['generate replaces a rotatable value that is too short now', { sources: { 'secrets.token': generate }, stored: { 'secrets.token': 'short-token' } }, [{ id: 'secrets.token', action: 'generate', value: GENERATED_TOKEN }]],
    ['generate replaces a rotatable value its format refuses', { sources: { 'secrets.token': generate }, stored: { 'secrets.token': 'a-token-with\ttab-0001' } }, [{ id: 'secrets.token', action: 'generate', value: GENERATED_TOKEN }]],
    ['a secret that is not asked is left alone', { stored: { 'secrets.token': TOKEN } }, []],
    ['a secret that cannot be generated is not', { sources: { 'storage.key': generate } }, []],
  ])('%s', (_name, input, decisions) => {
    expect(settle(input)).toEqual({ decisions, problems: [] });
  });

  it('settles every secret at once, in catalogue order, drawing from one random stream', () => {
    const r = settle({
      sources: { 'storage.key': env('K'), 'secrets.token': generate, 'secrets.vault_key': generate },
      given: { 'storage.key': 'archive-key-0001' },
    });
    expect(r).toEqual({
      decisions: [
        { id: 'storage.key', action: 'given', value: 'archive-key-0001' },
        { id: 'secrets.token', action: 'generate', value: GENERATED_TOKEN },
        { id: 'secrets.vault_key', action: 'generate', value: GENERATED_VAULT },
      ],
      problems: [],
    });
    expect(GENERATED_TOKEN).toMatch(/^[A-Za-z0-9]{24}$/);
    expect([...GENERATED_VAULT].every((c) => ALPHABETS.urlsafe.includes(c))).toBe(true);
    expect(GENERATED_VAULT).toHaveLength(40);
    // What was generated passes the rules it was generated for.
    const [, token, vault] = secretQuestions();
    expect([checkSecretValue(token!, GENERATED_TOKEN, ANSWERS), checkSecretValue(vault!, GENERATED_VAULT, ANSWERS)]).toEqual([undefined, undefined]);
  });

  describe('a pinned secret', () => {
    it('is not replaced by a different given value: a problem names it and says why', () => {
      expect(settle({ sources: { 'secrets.vault_key': env('V') }, given: { 'secrets.vault_key': NEW_VAULT }, stored: { 'secrets.vault_key': VAULT } })).toEqual({
        decisions: [],
        problems: [{ path: 'secrets.vault_key', severity: 'error', message: `would replace the value in use with a different one, ${PINNED}`, fix: PINNED_FIX }],
      });
    });

    it('is never silently regenerated when the value in use no longer passes its rules', () => {
      expect(settle({ sources: { 'secrets.vault_key': generate }, stored: { 'secrets.vault_key': 'too-short' } })).toEqual({
        decisions: [],
        problems: [{
          path: 'secrets.vault_key',
          severity: 'error',
          message: `has a value in use that no longer passes its rules (is too short: it needs at least 32 characters and has 9), so a new one would be generated, ${PINNED}`,
          fix: PINNED_FIX,
        }],
      });
    });

    it('changes in both cases once the change is confirmed separately', () => {
      const confirmedPinned = new Set(['secrets.vault_key']);
      expect(settle({ sources: { 'secrets.vault_key': env('V') }, given: { 'secrets.vault_key': NEW_VAULT }, stored: { 'secrets.vault_key': VAULT }, confirmedPinned })).toEqual({
        decisions: [{ id: 'secrets.vault_key', action: 'given', value: NEW_VAULT }],
        problems: [],
      });
      const regenerated = settle({ sources: { 'secrets.vault_key': generate }, stored: { 'secrets.vault_key': 'too-short' }, confirmedPinned });
      expect(regenerated.problems).toEqual([]);
      expect(regenerated.decisions).toEqual([{ id: 'secrets.vault_key', action: 'generate', value: generateSecret(seededRandom(SEED), { length: 40, alphabet: 'urlsafe' }) }]);
    });

    it('is not let through by a confirmation for another secret', () => {
      const r = settle({ sources: { 'secrets.vault_key': env('V') }, given: { 'secrets.vault_key': NEW_VAULT }, stored: { 'secrets.vault_key': VAULT }, confirmedPinned: new Set(['secrets.token']) });
      expect(r.decisions).toEqual([]);
      expect(r.problems.map((p) => p.path)).toEqual(['secrets.vault_key']);
    });

    it('does not hold back the other secrets', () => {
      const r = settle({
        sources: { 'secrets.token': generate, 'secrets.vault_key': env('V') },
        given: { 'secrets.vault_key': NEW_VAULT },
        stored: { 'secrets.token': TOKEN, 'secrets.vault_key': VAULT },
      });
      expect(r.decisions).toEqual([{ id: 'secrets.token', action: 'keep', value: TOKEN }]);
      expect(r.problems.map((p) => p.path)).toEqual(['secrets.vault_key']);
    });
  });
});
