import { describe, expect, it } from 'vitest';
import { checkSecretValue, secretValueProblem, typedSecretProblem } from '../../../src/core/answers/check.js';
import { kindOf } from '../../../src/core/questions/kinds/index.js';
import type { SecretQuestion } from '../../../src/core/questions/types.js';
import { settleSecrets } from '../../../src/core/secrets/policy.js';
import { unescapedInUrl } from '../../../src/kit/secrets/url.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { secretQuestion } from './beacon.js';

/** Beacon's upload token (rotatable, generated) and vault key (pinned), as if upstream put them into a URL. */
const inUrl = (q: SecretQuestion): SecretQuestion => ({ ...q, secret: { ...q.secret, forbidden: unescapedInUrl('postgresql') } });
const token = inUrl(secretQuestion('secrets.token'));
const vault = inUrl(secretQuestion('secrets.vault_key'));
/** Beacon's archive key, which is never generated. */
const archive = inUrl(secretQuestion('storage.key'));
const WHY = 'which upstream puts unescaped into a postgresql:// URL';
const SAFE = 'a-Token_with.tilde~0123';

describe('forbidden characters of a secret', () => {
  it.each([
    ['@', `contains '@', ${WHY}`],
    ['/', `contains '/', ${WHY}`],
    [':', `contains ':', ${WHY}`],
    ['#', `contains '#', ${WHY}`],
    ['?', `contains '?', ${WHY}`],
    ['%', `contains '%', ${WHY}`],
  ])('refuse %s anywhere in the value, naming it and why', (c, why) => {
    for (const value of [`${c}${SAFE}`, `${SAFE}${c}`, `${SAFE.slice(0, 5)}${c}${SAFE.slice(5)}`]) expect(kindOf(token).check(value, token)).toBe(why);
  });

  it('name each one found, in the rule\'s order, and never the value', () => {
    const value = `${SAFE}%41?x#y:z/@`;
    const issue = checkSecretValue(token, value, {});
    expect(issue).toBe(`contains '@', '/', ':', '#', '?' and '%', ${WHY}`);
    expect(issue).not.toContain(SAFE);
    expect(checkSecretValue(token, `${SAFE}@@@//`, {})).toBe(`contains '@' and '/', ${WHY}`);
  });

  it('let everything else through: the unreserved characters and the rest of what the formats carry', () => {
    expect(checkSecretValue(token, SAFE, {})).toBeUndefined();
    expect(checkSecretValue(token, `${SAFE}!$&*+=`, {})).toBeUndefined();
    // The rule is the secret's own: the same value passes where no rule is declared.
    expect(checkSecretValue(secretQuestion('secrets.token'), `${SAFE}@`, {})).toBeUndefined();
  });

  it('come with their fix: the safe characters, or leaving it out when it can be generated', () => {
    expect(secretValueProblem(token, `${SAFE}@`, {})).toEqual({ message: `has a value that contains '@', ${WHY}`, fix: 'Use letters, digits and - _ . ~ only, or leave it out to have one generated.' });
    const remote = { 'storage.mode': 'remote' };
    expect(secretValueProblem(archive, `${SAFE}@`, remote)).toEqual({ message: `has a value that contains '@', ${WHY}`, fix: 'Use letters, digits and - _ . ~ only.' });
    // Other problems keep their own fix.
    expect(secretValueProblem(token, 'short', {})?.fix).toMatch(/^Give a value of at least 16 characters/);
    expect(secretValueProblem(token, `${SAFE}\uFFFD`, {})).toEqual({ message: 'has a value that is not valid UTF-8 (or holds U+FFFD)', fix: 'Give the value as UTF-8 text, or use {generate: true}.' });
  });

  it('say what to type instead when typed in the wizard, which shows no separate fix', () => {
    expect(typedSecretProblem(token, `${SAFE}@`, {})).toBe(`contains '@', ${WHY}; use only letters, digits and - _ . ~`);
    expect(typedSecretProblem(token, 'short', {})).toBe('is too short: it needs at least 16 characters and has 5');
    expect(typedSecretProblem(token, SAFE, {})).toBeUndefined();
  });

  it('apply to a value read back from the files on a re-run: not kept, replaced if rotatable, refused if pinned', () => {
    const settled = settleSecrets({
      questions: [token, vault],
      sources: { 'secrets.token': { kind: 'generate' }, 'secrets.vault_key': { kind: 'generate' } },
      given: {},
      stored: { 'secrets.token': `${SAFE}@old`, 'secrets.vault_key': `${SAFE}/old-vault-key-0123456789` },
      answers: {},
      random: seededRandom('forbidden'),
    });
    expect(settled.decisions).toEqual([{ id: 'secrets.token', action: 'generate', value: expect.stringMatching(/^[A-Za-z0-9]{24}$/) }]);
    expect(settled.problems).toEqual([expect.objectContaining({ path: 'secrets.vault_key', message: expect.stringContaining(`no longer passes its rules (contains '/', ${WHY})`) })]);
    expect(JSON.stringify(settled.problems)).not.toContain(SAFE);
  });

  it('show in the reference and the JSON Schema, whose pattern refuses what the check refuses', () => {
    expect(kindOf(token).label(token)).toBe('secret, min 16 chars, none of @ / : # ? %');
    const literal = (kindOf(token).schema(token)['oneOf'] as { type?: string; pattern?: string }[]).find((s) => s.type === 'string')!;
    const pattern = new RegExp(literal.pattern!, 'u');
    for (const value of [SAFE, `${SAFE}!$&`, `${SAFE}\n`]) expect(pattern.test(value), value).toBe(true);
    for (const c of '@/:#?%') expect(pattern.test(`${SAFE}${c}x`), c).toBe(false);
    expect(kindOf(secretQuestion('secrets.token')).schema(secretQuestion('secrets.token'))).not.toHaveProperty('oneOf.0.pattern');
  });
});
