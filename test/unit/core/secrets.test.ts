import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ALPHABETS, generateSecret, placeholderBytes } from '../../../src/core/secrets/generate.js';
import { createMasker } from '../../../src/core/secrets/mask.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { seededRandom } from '../../helpers/seeded-random.js';

describe('Secret', () => {
  it('never prints its value, whichever way it is printed', () => {
    const s = new Secret('secrets.admin_password', 'hunter2hunter2');
    for (const shown of [String(s), `${s}`, JSON.stringify({ s }), inspect(s), inspect({ nested: [s] })]) {
      expect(shown).not.toContain('hunter2');
      expect(shown).toContain('[masked:secrets.admin_password]');
    }
    expect(s.reveal()).toBe('hunter2hunter2');
  });
});

describe('generateSecret', () => {
  it('has the asked length and alphabet', () => {
    const random = seededRandom('len');
    for (const alphabet of ['alnum', 'urlsafe', 'hex'] as const) {
      const s = generateSecret(random, { length: 48, alphabet });
      expect(s).toHaveLength(48);
      expect([...s].every((c) => ALPHABETS[alphabet].includes(c))).toBe(true);
    }
  });
  it('draws every character about equally often (no modulo bias)', () => {
    // 62 letters: a biased `byte % 62` would make the first 8 characters about 25% more frequent.
    const counts = new Map<string, number>();
    const s = generateSecret(seededRandom('bias'), { length: 62 * 2000, alphabet: 'alnum' });
    for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const first = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => counts.get(c)!);
    const rest = [...counts.entries()].filter(([c]) => !'ABCDEFGH'.includes(c)).map(([, n]) => n);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(first) / mean(rest)).toBeGreaterThan(0.93);
    expect(mean(first) / mean(rest)).toBeLessThan(1.07);
  });
  it('gives different values from different streams', () => {
    const spec = { length: 32, alphabet: 'alnum' } as const;
    expect(generateSecret(seededRandom('a'), spec)).not.toBe(generateSecret(seededRandom('b'), spec));
  });
});

describe('placeholderBytes (the dry run)', () => {
  it('gives values of the right shape, different for each secret, the same on every plan', () => {
    const specs = [{ length: 48, alphabet: 'urlsafe' }, { length: 32, alphabet: 'alnum' }, { length: 32, alphabet: 'alnum' }, { length: 16, alphabet: 'hex' }] as const;
    const draw = () => {
      const random = placeholderBytes();
      return specs.map((spec) => generateSecret(random, spec));
    };
    const values = draw();
    values.forEach((v, i) => {
      expect(v).toHaveLength(specs[i]!.length);
      expect([...v].every((c) => ALPHABETS[specs[i]!.alphabet].includes(c))).toBe(true);
    });
    expect(new Set(values).size).toBe(values.length);
    expect(draw()).toEqual(values);
    // Its bytes cover the range, so no alphabet waits for ever on rejected bytes.
    expect(new Set(placeholderBytes()(4096)).size).toBe(256);
  });

  it('gives each of many values (a list of sign-in codes) a stand-in of its own, of the prefix and shape asked', () => {
    const codes = generateSecret(placeholderBytes(), { length: 24, alphabet: 'alnum', prefix: 'nrelop_s_default_', count: 500 }).split('\n');
    expect(codes).toHaveLength(500);
    expect(new Set(codes).size).toBe(500);
    for (const c of codes) expect(c).toMatch(/^nrelop_s_default_[A-Za-z0-9]{24}$/u);
  });
});

describe('createMasker', () => {
  it('masks raw, JSON-escaped and URL-encoded forms, longest first', () => {
    const mask = createMasker([
      { id: 'short', value: 'abcd1234' },
      { id: 'long', value: 'xxabcd1234yy' },
      { id: 'odd', value: 'p@ss"w/rd' },
    ]);
    expect(mask('a xxabcd1234yy b abcd1234')).toBe('a [masked:long] b [masked:short]');
    expect(mask(JSON.stringify({ pw: 'p@ss"w/rd' }))).toBe('{"pw":"[masked:odd]"}');
    expect(mask(`mysql://u:${encodeURIComponent('p@ss"w/rd')}@h/db`)).toBe('mysql://u:[masked:odd]@h/db');
  });
  it('leaves text alone when it knows no secret', () => {
    expect(createMasker([])('nothing here')).toBe('nothing here');
  });

  it('masks each line of a secret of several lines, as a diff shows them', () => {
    const mask = createMasker([{ id: 'auth.tokens', value: 'nrelop_s_default_AAAA1111\nnrelop_s_default_BBBB2222' }]);
    expect(mask('+nrelop_s_default_BBBB2222\n+nrelop_s_default_AAAA1111')).toBe('+[masked:auth.tokens]\n+[masked:auth.tokens]');
  });

  it('masks what an alternation of the values, longest first, would: leftmost, then longest, overlaps left to the first', () => {
    // Values that overlap, contain each other and repeat, in texts made of their pieces.
    const random = seededRandom('masker');
    const pick = (n: number) => random(1)[0]! % n;
    const letters = 'abab';
    const word = (min: number) => Array.from({ length: min + pick(4) }, () => letters[pick(letters.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const secrets = Array.from({ length: 1 + pick(4) }, (_, i) => ({ id: `s${i}`, value: word(4) }));
      const text = Array.from({ length: 1 + pick(6) }, () => (pick(2) ? secrets[pick(secrets.length)]!.value.slice(pick(3)) : word(1))).join(pick(2) ? '' : ' ');
      const forms = [...new Map([...secrets].reverse().map((s): [string, string] => [s.value, s.id]))].sort((a, b) => b[0].length - a[0].length);
      const alternation = new RegExp(forms.map(([v]) => v).join('|'), 'g');
      const expected = text.replace(alternation, (found) => `[masked:${forms.find(([v]) => v === found)![1]}]`);
      expect(createMasker(secrets)(text), `${JSON.stringify(secrets)} in ${JSON.stringify(text)}`).toBe(expected);
    }
  });
});
