import { describe, expect, it } from 'vitest';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { RenderError } from '../../../src/core/render/engine.js';
import { systemdEnvFormat, systemdExecFormat, systemdFormat } from '../../../src/kit/formats/systemd.js';
import { renderTemplate } from '../../helpers/render.js';

const CONTROL = 'contains a control character (a line break, a tab...), which a systemd unit file cannot carry';
const SURROGATE = 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';

describe('systemd: a plain setting', () => {
  it.each<[string, string, string | undefined]>([
    ['a path', '/srv/e-mission', undefined],
    ['spaces, quotes, $, a backslash and unicode inside', '/srv/a b/"q" \'s\' $HOME \\ ünï ✓', undefined],
    ['a percent sign', '50%', undefined],
    ['empty', '', 'is empty, and an empty systemd setting means "reset to the default"'],
    ['a leading space', ' x', 'starts or ends with a space, which systemd strips from a setting'],
    ['a trailing space', 'x ', 'starts or ends with a space, which systemd strips from a setting'],
    ['a no-break space at the end (systemd keeps it)', 'x\u00A0', undefined],
    ['a trailing backslash', 'C:\\', 'ends with a backslash, which joins a systemd setting to the next line'],
    ['a line break', 'a\nb', CONTROL],
    ['a tab', 'a\tb', CONTROL],
    ['NUL', 'a\0b', CONTROL],
    ['DEL', 'a\u007Fb', CONTROL],
    ['a C1 control (NEL)', 'a\u0085b', CONTROL],
    ['a lone surrogate', 'a\uD800', SURROGATE],
  ])('%s: %j', (_name, value, reason) => {
    expect(systemdFormat.check(value)).toBe(reason);
  });

  it('writes the value as it stands, with each % doubled (systemd expands specifiers in settings)', () => {
    expect(quoteFor(systemdFormat, '/srv/a b/"q"')).toBe('/srv/a b/"q"');
    expect(quoteFor(systemdFormat, '50% of %h')).toBe('50%% of %%h');
  });
});

describe('systemd-exec: one word of a command line', () => {
  it.each<[string, string]>([
    ['/usr/bin/python3', '/usr/bin/python3'],
    ['--port=8080', '--port=8080'],
    ['emission.net.api.cfc_webapp', 'emission.net.api.cfc_webapp'],
    ['a b', '"a b"'],
    ['', '""'],
    [';', '";"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['trailing\\', '"trailing\\\\"'],
    ['50%', '"50%%"'],
    ['$HOME and ${HOME}', '"$$HOME and $${HOME}"'],
    ["it's", '"it\'s"'],
    ['  padded  ', '"  padded  "'],
    ['ünï', '"ünï"'],
  ])('%j is written %s', (value, written) => {
    expect(systemdExecFormat.check(value)).toBeUndefined();
    expect(quoteFor(systemdExecFormat, value)).toBe(written);
  });

  it.each([['a\nb'], ['a\tb'], ['\0'], ['\u009B']])('refuses the control character in %j', (value) => {
    expect(systemdExecFormat.check(value)).toBe(CONTROL);
  });
});

describe('systemd-env: one Environment= assignment', () => {
  it('quotes like a command word but leaves $ alone: Environment= expands no variables', () => {
    expect(quoteFor(systemdEnvFormat, 'PATH=/usr/bin:/bin')).toBe('PATH=/usr/bin:/bin');
    expect(quoteFor(systemdEnvFormat, 'URL=mongodb://db/x?a=1&b=$2')).toBe('"URL=mongodb://db/x?a=1&b=$2"');
    expect(quoteFor(systemdEnvFormat, 'NOTE=50% "q" \\')).toBe('"NOTE=50%% \\"q\\" \\\\"');
    expect(systemdEnvFormat.check('A=\n')).toBe(CONTROL);
  });
});

describe('a unit template', () => {
  const TEMPLATE = [
    '[Service]',
    'WorkingDirectory={{systemd dir}}',
    'Environment={{systemd-env environment}}',
    'ExecStart={{systemd-exec command}}',
    '',
  ].join('\n');

  it('uses the unit format\'s helper and its companions\', each position quoted its own way; lists are joined by a space', () => {
    const text = renderTemplate(TEMPLATE, systemdFormat, { dir: '/srv/a b%', environment: ['A=1', 'B=two words'], command: ['/usr/bin/printf', '%s\\n', '$HOME'] });
    expect(text).toBe('[Service]\nWorkingDirectory=/srv/a b%%\nEnvironment=A=1 "B=two words"\nExecStart=/usr/bin/printf "%%s\\\\n" "$$HOME"\n');
  });

  it('refuses a value its position cannot carry, naming the format', () => {
    expect(() => renderTemplate(TEMPLATE, systemdFormat, { dir: '/srv/x ', environment: ['A=1'], command: ['/bin/true'] })).toThrow(RenderError);
    expect(() => renderTemplate(TEMPLATE, systemdFormat, { dir: '/srv/x', environment: ['A=1'], command: ['/bin/echo', 'a\nb'] })).toThrow(new FormatError('systemd-exec', CONTROL).message);
  });

  it('refuses a list where one value goes, and an empty command line', () => {
    expect(() => renderTemplate(TEMPLATE, systemdFormat, { dir: ['/a', '/b'], environment: ['A=1'], command: ['/bin/true'] })).toThrow('{{systemd}} was given a list, but it writes one value');
    expect(() => renderTemplate(TEMPLATE, systemdFormat, { dir: '/a', environment: ['A=1'], command: [] })).toThrow('{{systemd-exec}} was given an empty list');
  });

  it('may not use a helper of another file\'s format', () => {
    expect(() => renderTemplate('X={{env dir}}\n', systemdFormat, { dir: '/a' })).toThrow('{{env ...}} is not this file\'s format; use {{systemd value}} or {{systemd-exec value}} or {{systemd-env value}}');
  });
});
