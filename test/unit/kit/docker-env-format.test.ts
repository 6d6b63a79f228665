import { describe, expect, it } from 'vitest';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { RenderError } from '../../../src/core/render/engine.js';
import { DOCKER_ENV_VALUE_MAX_BYTES, dockerCliValues, dockerEnvFormat } from '../../../src/kit/formats/docker-env.js';
import { renderTemplate } from '../../helpers/render.js';

const VARIABLE = 'which Docker Compose reads as a variable ($NAME, ${NAME}, or $$ for one "$")';

describe('docker-env: check', () => {
  it.each<[string, string]>([
    ['a generated secret', 'cfbewif7y8rfy4w3aNIKFW9Yfh89HFN9'],
    ['an SQLAlchemy URI', 'mysql+pymysql://location:p4ss@db.internal:3306/location'],
    ['a Redis URI', 'redis://127.0.0.1:6379/0'],
    ['empty', ''],
    ['spaces inside', 'two words'],
    ['quotes after the start', 'it\'s "quoted"'],
    ['a backtick first', '`id`'],
    ['backslashes, one trailing', 'C:\\path\\\\to\\'],
    ['# after a non-space', 'pa#ss#'],
    ['# first', '#start'],
    ['= inside and first', '=a=b=='],
    ['a $ not read as a variable', 'cost$ $1 $-x a$ b $äx'],
    ['a zero-width space around #', '\u200Bx\u200B#'],
    ['a BOM and other controls inside', 'x\uFEFF\u001B[0m\u007F\u000Bb'],
    ['unicode', 'pässwörd ✓ 🔑 שלום'],
  ])('accepts %s: %j', (_name, value) => {
    expect(dockerEnvFormat.check(value)).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ['a line break', 'a\nb', 'contains a line break (U+000A), which ends the line for the docker CLI and Docker Compose'],
    ['a carriage return', 'a\rb', 'contains a carriage return (U+000D), which Docker Compose v1 reads as a line break (and the docker CLI drops at the end of a line)'],
    ['NUL', 'a\0b', 'contains a NUL character (U+0000), which no process environment can carry'],
    ['a lone surrogate', 'x\uDC00', 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry'],
    ['a single quote first', "'q'", "starts with a quote ('), which Docker Compose reads as the start of a quoted value"],
    ['a double quote first', '"q', 'starts with a quote ("), which Docker Compose reads as the start of a quoted value'],
    ['a leading space', ' x', 'starts with a space, which Docker Compose strips from a value'],
    ['a leading tab', '\tx', 'starts with a tab, which Docker Compose strips from a value'],
    ['a leading no-break space', '\u00A0x', 'starts with white space U+00A0, which Docker Compose strips from a value'],
    ['a trailing space', 'x ', 'ends with a space, which Docker Compose strips from a value'],
    ['a trailing U+001F (space to Python)', 'x\u001F', 'ends with white space U+001F, which Docker Compose strips from a value'],
    ['a trailing ideographic space', 'x\u3000', 'ends with white space U+3000, which Docker Compose strips from a value'],
    ['only a space', ' ', 'starts with a space, which Docker Compose strips from a value'],
    ['space then #', 'a #b', 'contains a space followed by "#", which Docker Compose reads as the start of a comment'],
    ['tab then #', 'a\t#b', 'contains a tab followed by "#", which Docker Compose reads as the start of a comment'],
    ['line separator then #', 'a\u2028#b', 'contains white space U+2028 followed by "#", which Docker Compose reads as the start of a comment'],
    ['$NAME', 'a$HOME', `contains "$H", ${VARIABLE}`],
    ['${NAME}', '${HOME}', `contains "\${", ${VARIABLE}`],
    ['$$', 'a$$b', `contains "$$", ${VARIABLE}`],
    ['$_', '$_x', `contains "$_", ${VARIABLE}`],
    ['$ then the Kelvin sign (Go folds it to k)', '$\u212A', `contains "$\u212A", ${VARIABLE}`],
    ['$ then a long s (Go folds it to s)', '$\u017F', `contains "$\u017F", ${VARIABLE}`],
  ])('refuses %s: %j', (_name, value, reason) => {
    expect(dockerEnvFormat.check(value)).toBe(reason);
    expect(() => quoteFor(dockerEnvFormat, value)).toThrow(new FormatError('docker-env', reason).message);
  });

  it('refuses a value longer than a docker CLI line leaves after a 128-byte key, counting UTF-8 bytes', () => {
    expect(DOCKER_ENV_VALUE_MAX_BYTES).toBe(65_406);
    expect(dockerEnvFormat.check('x'.repeat(DOCKER_ENV_VALUE_MAX_BYTES))).toBeUndefined();
    expect(dockerEnvFormat.check('x'.repeat(DOCKER_ENV_VALUE_MAX_BYTES + 1))).toBe(
      'is 65407 bytes long in UTF-8, and the docker CLI reads at most 65535 bytes a line, which leaves 65406 for a value',
    );
    expect(dockerEnvFormat.check('ä'.repeat(32_704))).toMatch(/^is 65408 bytes long/);
  });
});

describe('docker-env: quote and templates', () => {
  it('writes the value as it stands: the docker CLI would keep any quotes as part of it', () => {
    for (const value of ['', 'plain', 'it\'s "q"', 'C:\\x\\', 'a#b']) expect(quoteFor(dockerEnvFormat, value)).toBe(value);
  });

  it('is the {{docker-env}} helper of an env.txt template, which refuses what check refuses', () => {
    const template = 'SECRET_KEY={{docker-env secret}}\nREDIS_URI={{docker-env redis}}\n';
    expect(renderTemplate(template, dockerEnvFormat, { secret: 'a#b"c', redis: 'redis://r:6379/0' })).toBe('SECRET_KEY=a#b"c\nREDIS_URI=redis://r:6379/0\n');
    expect(() => renderTemplate(template, dockerEnvFormat, { secret: 'a #b', redis: 'x' })).toThrow(RenderError);
    expect(() => renderTemplate(template, dockerEnvFormat, { secret: 'a #b', redis: 'x' })).toThrow('value cannot be written as docker-env: contains a space followed by "#"');
  });
});

describe('docker-env: reader (as the docker CLI reads the file)', () => {
  it('takes the rest of the line after the first =, literally', () => {
    const read = dockerEnvFormat.reader!('A=x y \nB="q"\nC=a#b $X\nD=a=b==\nE=\n');
    expect([read('A'), read('B'), read('C'), read('D'), read('E'), read('F')]).toEqual(['x y ', '"q"', 'a#b $X', 'a=b==', '', undefined]);
  });

  it('skips comments, blank lines and white space before a key; drops one CR that ends a line, and a BOM on line 1', () => {
    const values = dockerCliValues('\uFEFFA=1\r\n\n  # B=comment\n\t C=3\r\r\n\u0085D=4\n\uFEFFE=5\n');
    expect(values).toEqual(new Map([['A', '1'], ['C', '3\r'], ['D', '4'], ['\uFEFFE', '5']]));
  });

  it('lets the last of a key win, and finds no value for a bare key or a line the docker CLI would refuse', () => {
    const values = dockerCliValues('K=first\nK=second\nBARE\n=novar\nBAD KEY=x\nLAST=no newline');
    expect(values).toEqual(new Map([['K', 'second'], ['LAST', 'no newline']]));
  });

  it('reads back every value the format writes', () => {
    const values = ['', 'plain', 'it\'s "q"', 'C:\\x\\', 'a#b', '=x', '#start', 'x\uFEFF'];
    const text = values.map((v, i) => `V${i}=${quoteFor(dockerEnvFormat, v)}\n`).join('');
    const read = dockerEnvFormat.reader!(text);
    expect(values.map((_, i) => read(`V${i}`))).toEqual(values);
  });
});
