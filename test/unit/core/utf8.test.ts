import { describe, expect, it } from 'vitest';
import { parseAnswersBytes } from '../../../src/core/answers/answers-file.js';
import { decodeUtf8 } from '../../../src/core/answers/utf8.js';
import { kindOf } from '../../../src/core/questions/kinds/index.js';
import { secretQuestion } from './beacon.js';

/** An answers file as bytes: `\xNN` in the text stands for that raw byte (0xff is never in UTF-8). */
const bytes = (text: string): Uint8Array => Buffer.concat(text.split(/(\\x[0-9a-f]{2})/).map((part) => (part.startsWith('\\x') ? Buffer.from([parseInt(part.slice(2), 16)]) : Buffer.from(part, 'utf8'))));
const HEAD = 'version: 1\nstack: beacon\n';
const FIX = 'Save the answers file as UTF-8 (e.g. iconv -f latin1 -t utf-8 old.yaml > answers.yaml), or type the value again.';
const inValue = (path: string, line: number) => ({ path, line, severity: 'error', message: 'is not valid UTF-8: it holds bytes that no UTF-8 text has (read as U+FFFD)', fix: FIX });

describe('answers files that are not valid UTF-8', () => {
  it('name each key whose value holds the bad bytes, once, at any depth and in a secret\'s reference', () => {
    const doc = parseAnswersBytes(bytes(`${HEAD}site:\n  name: north\\xffridge\\xe9\n  domain: beacon.example.org\ndata_root: /srv/b\\xe9acon\nsecrets:\n  token: {file: /run/t\\xff}\n`));
    expect(doc.problems).toEqual([inValue('site.name', 4), inValue('data_root', 6), inValue('secrets.token.file', 8)]);
    // The data is still built, so every other problem is found in the same run.
    expect(doc.data).toMatchObject({ site: { name: 'north\uFFFDridge\uFFFD' }, data_root: '/srv/b\uFFFDacon' });
  });

  it('give the line when the bad bytes are in a comment or a key\'s name, where no answer holds them', () => {
    const doc = parseAnswersBytes(bytes(`${HEAD}# caf\\xe9 site\nsit\\xe9: 1\n`));
    expect(doc.problems.map((p) => [p.path, p.line, p.message])).toEqual([
      ['', 3, 'the file is not valid UTF-8: this line holds bytes that no UTF-8 text has, in a comment or a key\'s name'],
      ['', 4, 'the file is not valid UTF-8: this line holds bytes that no UTF-8 text has, in a comment or a key\'s name'],
    ]);
  });

  it('leave valid UTF-8 alone: other scripts, a U+FFFD written as UTF-8, a leading byte-order mark', () => {
    const text = `\uFEFF${HEAD}site:\n  name: north-ridge # שלום ✓\n  domain: beacon.example.org\ndata_root: /srv/bé\uFFFD\n`;
    const doc = parseAnswersBytes(Buffer.from(text, 'utf8'));
    expect(doc.problems).toEqual([]);
    expect(doc.data).toMatchObject({ data_root: '/srv/bé\uFFFD' });
    expect(decodeUtf8(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeUtf8(bytes('a\\xc3'))).toBeUndefined(); // a sequence cut short
    expect(decodeUtf8(bytes('\\xed\\xa0\\x80'))).toBeUndefined(); // an encoded surrogate
  });
});

describe('secret values with U+FFFD (what Node makes of bytes that are not UTF-8 in the environment or a file read back)', () => {
  it('are refused by the secret kind, whatever their source', () => {
    const q = secretQuestion('secrets.token');
    expect(kindOf(q).check('a'.repeat(20), q)).toBeUndefined();
    expect(kindOf(q).check(`${'a'.repeat(20)}\uFFFD`, q)).toBe('is not valid UTF-8 (or holds U+FFFD)');
  });
});
