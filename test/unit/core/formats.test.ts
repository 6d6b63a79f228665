import { describe, expect, it } from 'vitest';
import { FormatError, quoteFor, refusal, type Format } from '../../../src/core/formats/format.js';
import { envFormat } from '../../../src/kit/formats/env.js';
import { fixedFormat } from '../../../src/kit/formats/fixed.js';
import { jsonFormat } from '../../../src/kit/formats/json.js';
import { HOSTILE_VALUES, randomHostileValues } from '../../fixtures/hostile-values.js';
import { beaconConf, readBeaconConf } from '../../fixtures/stacks/beacon/format.js';

const CORPUS = [...HOSTILE_VALUES, ...randomHostileValues(500)];
const CONTROL = 'contains a control character (a line break, a tab...), which a beacon.conf line cannot carry';
const SURROGATE = 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';

describe('quoteFor', () => {
  it('quotes a value the format can carry', () => {
    expect(quoteFor(beaconConf, 'north-ridge')).toBe('"north-ridge"');
    expect(quoteFor(beaconConf, 'say "hi" \\ there')).toBe('"say \\"hi\\" \\\\ there"');
    expect(quoteFor(envFormat, '$HOME #1')).toBe("'$HOME #1'");
    expect(quoteFor(jsonFormat, 'a"b\nc')).toBe('"a\\"b\\nc"');
  });

  it('throws a FormatError naming the format and the reason, without quoting', () => {
    let quoted = false;
    const spy: Format = { ...beaconConf, quote: (v) => ((quoted = true), v) };
    const error = (() => {
      try {
        quoteFor(spy, 'line\nbreak');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ format: 'beaconconf', reason: CONTROL, message: `value cannot be written as beaconconf: ${CONTROL}` });
    expect(quoted).toBe(false);
  });

  it('refuses every value for a file that carries none', () => {
    expect(() => quoteFor(fixedFormat, 'anything')).toThrow(new FormatError('fixed', 'cannot be written into a file that carries no values'));
    expect(fixedFormat.reader).toBeUndefined();
  });
});

describe('refusal', () => {
  it.each<[string, Format[], string, string | undefined]>([
    ['no format', [], 'line\nbreak', undefined],
    ['a value both carry', [envFormat, beaconConf], 'plain', undefined],
    ['env refuses a quote', [envFormat, beaconConf], "it's", 'contains a single quote (\'), which env files cannot carry the same way for dotenv and Docker Compose'],
    ['beaconconf carries a quote', [beaconConf], "it's", undefined],
    ['the first refusal wins', [beaconConf, envFormat], 'a\nb', CONTROL],
    ['in the formats\' order', [envFormat, beaconConf], 'a\nb', 'contains a line break'],
    ['env refuses ${', [beaconConf, envFormat], 'a${b}', 'contains "${", which Docker Compose expands as a variable'],
    ['json carries anything', [jsonFormat], '\0\n\'"\\', undefined],
  ])('%s', (_name, formats, value, reason) => {
    expect(refusal(formats, value)).toBe(reason);
  });
});

describe('beaconconf, Beacon\'s own format', () => {
  it.each<[string, string, string | undefined]>([
    ['a tab', 'a\tb', CONTROL],
    ['a line break', 'a\nb', CONTROL],
    ['NUL', '\0', CONTROL],
    ['DEL', 'a\u007Fb', CONTROL],
    ['a lone high surrogate', 'x\uD800', SURROGATE],
    ['a lone low surrogate', '\uDC00x', SURROGATE],
    ['accented letters', 'Zürich-été', undefined],
    ['an emoji (a surrogate pair)', 'ok \u{1F600}', undefined],
    ['quotes, backslashes, # and =', 'say "hi" \\ #1 a=b', undefined],
    ['empty', '', undefined],
  ])('%s: %j', (_name, value, reason) => {
    expect(beaconConf.check(value)).toBe(reason);
  });

  it('the corpus holds values it refuses and many it carries', () => {
    const refused = CORPUS.filter((h) => beaconConf.check(h.value) !== undefined);
    expect(refused.length).toBeGreaterThan(5);
    expect(refused.length).toBeLessThan(CORPUS.length - 100);
  });

  it('quotes every other value on one line and reads it back exactly', () => {
    const wrong: string[] = [];
    for (const { name, value } of CORPUS) {
      if (beaconConf.check(value) !== undefined) continue;
      const quoted = beaconConf.quote(value);
      const text = `# Beacon settings\nsite = "north-ridge"\ntoken = ${quoted}\ndomain = "beacon.example.org"\n`;
      const read = beaconConf.reader!(text);
      if (quoted.includes('\n') || read('token') !== value || read('site') !== 'north-ridge' || read('domain') !== 'beacon.example.org') wrong.push(name);
    }
    expect(wrong).toEqual([]);
  });

  it('reads `key = "value"` lines only: comments, other lines and absent keys give nothing', () => {
    const text = '# token = "in a comment"\nsite = "a"\nbare = value\n  spaced   =   "b"  \nempty = ""\n';
    expect(readBeaconConf(text)).toEqual({ site: 'a', spaced: 'b', empty: '' });
    expect(beaconConf.reader!(text)('token')).toBeUndefined();
    expect(beaconConf.reader!('')('site')).toBeUndefined();
  });
});

describe('the kit\'s json format', () => {
  const text = JSON.stringify({ push: { server_auth_token: 'abc', nested: { deeper: 'd' } }, port: 8080, flag: true, none: null, top: 't' });
  it.each<[string, string | undefined]>([
    ['top', 't'],
    ['push.server_auth_token', 'abc'],
    ['push.nested.deeper', 'd'],
    ['push', undefined],
    ['port', undefined],
    ['flag', undefined],
    ['none', undefined],
    ['none.x', undefined],
    ['missing', undefined],
    ['push.missing.deeper', undefined],
    ['top.length', undefined],
  ])('reads %j by its dotted path as %j (text only)', (key, value) => {
    expect(jsonFormat.reader!(text)(key)).toBe(value);
  });

  it('reads nothing from text that is not JSON', () => {
    expect(jsonFormat.reader!('{"push": ')('push')).toBeUndefined();
    expect(jsonFormat.reader!('')('x')).toBeUndefined();
  });

  it('carries every value and reads it back exactly', () => {
    const wrong = CORPUS.filter(({ value }) => jsonFormat.check(value) !== undefined || jsonFormat.reader!(`{"a": {"b": ${quoteFor(jsonFormat, value)}}}`)('a.b') !== value);
    expect(wrong.map((h) => h.name)).toEqual([]);
  });
});

describe('the kit\'s env format', () => {
  it('reads back through dotenv every value it does not refuse', () => {
    const wrong = CORPUS.filter(({ value }) => envFormat.check(value) === undefined && envFormat.reader!(`A='x'\nKEY=${envFormat.quote(value)}\nB='y'\n`)('KEY') !== value);
    expect(wrong.map((h) => h.name)).toEqual([]);
  });

  it('reads nothing for a key that is not there', () => {
    expect(envFormat.reader!("A='x'\n")('KEY')).toBeUndefined();
  });
});
