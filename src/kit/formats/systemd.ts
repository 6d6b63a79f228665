import type { Format } from '../../core/formats/format.js';
import { hasControlCharacter, hasLoneSurrogate } from './characters.js';

/*
 * systemd unit files (services, timers), as systemd 252 (Debian 12) reads them: systemd.syntax(7),
 * systemd.unit(5), systemd.service(5). A unit holds values in three positions, each read its own way, so
 * there is one format for each and the unit file's format (`systemd`) names the other two as companions:
 *
 *   WorkingDirectory={{systemd data_dir}}          a plain setting: taken as written, no quotes
 *   ExecStart={{systemd-exec command}}             the words of a command line (a list from the context)
 *   Environment={{systemd-env environment}}        NAME=value assignments (a list from the context)
 *
 * All three expand `%` specifiers (`%h`, `%n`...) when the unit is loaded, so a literal `%` is written `%%`.
 * Only a command line expands `$NAME` and `${NAME}`, when the command starts, so there a `$` is written `$$`.
 * What these formats do not decide: that a path is absolute, a user name valid, or the first word of a
 * command (the program, which systemd reads `-`, `@`, `:`, `+` and `!` prefixes on) a real program: that
 * is the stack's, and `systemd-analyze verify` in its tests says so. Tested with a real `systemd-analyze
 * verify` and systemd's own dump of what it parsed (test/integration/render/systemd.test.ts).
 */

/** What no position of a unit file can carry: systemd refuses controls in commands, a line break ends a setting. */
function unwritable(value: string): string | undefined {
  if (hasControlCharacter(value)) return 'contains a control character (a line break, a tab...), which a systemd unit file cannot carry';
  if (hasLoneSurrogate(value)) return 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';
  return undefined;
}

/** A word that needs no quotes: nothing in it is read as quoting, escaping, a specifier or a variable. */
const BARE_EXEC_WORD = /^[A-Za-z0-9_@+=:,./-]+$/;

/** In double quotes a backslash escapes (C-style, systemd.syntax(7)), so `\` and `"` are escaped. */
const doubleQuoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const specifiersEscaped = (value: string): string => value.replace(/%/g, '%%');

/**
 * One word of a command line (ExecStart=, ExecStartPre=, ExecStop=...): a bare word when it can be, else in
 * double quotes, so spaces, quotes, backslashes, an empty word or a lone `;` (a separator of commands when
 * bare) are carried exactly. Given a list, it writes each word and joins them with a space.
 */
export const systemdExecFormat: Format = {
  name: 'systemd-exec',
  consumer: 'systemd (a command line in a unit file: ExecStart= and the other Exec settings)',
  check: unwritable,
  quote(value) {
    if (BARE_EXEC_WORD.test(value)) return value;
    return doubleQuoted(specifiersEscaped(value).replace(/\$/g, '$$$$'));
  },
  listSeparator: ' ',
};

/**
 * One `NAME=value` assignment of Environment=, quoted as one word when it must be. systemd expands
 * specifiers in it but no variables, so only `%` is doubled. Given a list, it writes each assignment and
 * joins them with a space. That NAME is a valid variable name is the stack's: it writes the names.
 */
export const systemdEnvFormat: Format = {
  name: 'systemd-env',
  consumer: 'systemd (an assignment of Environment= in a unit file)',
  check: unwritable,
  quote(value) {
    if (BARE_EXEC_WORD.test(value)) return value;
    return doubleQuoted(specifiersEscaped(value));
  },
  listSeparator: ' ',
};

/**
 * A plain setting of a unit file, which systemd takes as written after `Key=` (WorkingDirectory=, User=,
 * Description=, OnCalendar=...): no quotes are read, so none can protect anything. systemd strips white
 * space around the value, joins a line that ends with a backslash to the next one, and reads an empty
 * value as "reset to the default": each is refused. Only for settings that take one value: in a list
 * setting (ReadWritePaths=, After=) a space would separate two values.
 */
export const systemdFormat: Format = {
  name: 'systemd',
  consumer: 'systemd (unit files: checked with systemd-analyze verify and systemd\'s own dump of the parsed unit)',
  check(value) {
    if (value === '') return 'is empty, and an empty systemd setting means "reset to the default"';
    const reason = unwritable(value);
    if (reason !== undefined) return reason;
    // systemd strips only ASCII white space (a tab or line break is refused above as a control character).
    if (value.startsWith(' ') || value.endsWith(' ')) return 'starts or ends with a space, which systemd strips from a setting';
    if (value.endsWith('\\')) return 'ends with a backslash, which joins a systemd setting to the next line';
    return undefined;
  },
  quote: specifiersEscaped,
  companions: [systemdExecFormat, systemdEnvFormat],
};
