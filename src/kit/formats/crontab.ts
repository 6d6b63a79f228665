import type { Format } from '../../core/formats/format.js';
import { hasControlCharacter, hasLoneSurrogate } from './characters.js';

/*
 * Crontab lines for Debian's cron (vixie cron 3.0pl1): a user's crontab (`SCHEDULE COMMAND`) or a file in
 * /etc/cron.d (`SCHEDULE USER COMMAND`), written from a template such as
 *
 *   {{crontab-schedule schedule}} {{crontab-user user}} {{crontab command}}
 *
 * cron hands the command field to /bin/sh -c, after its own pass over it: an unescaped `%` ends the
 * command (the rest goes to its standard input, each further `%` a line break), and `\%` and `\\` become
 * `%` and `\`. So each word is quoted for sh, then each `%` and `\` is escaped for cron. Tested against
 * the real cron daemon and `crontab` (test/integration/render/crontab.test.ts).
 */

/**
 * The longest command field cron runs, in bytes: a longer one makes `crontab` refuse the file ("command
 * too long") and the cron daemon ignore the whole file in /etc/cron.d, every other job in it too.
 */
export const CRON_COMMAND_MAX_BYTES = 998;

/** Words sh reads literally without quotes; `=` is left out, since a first word with one is an assignment. */
const BARE_SHELL_WORD = /^[A-Za-z0-9_@+:,./-]+$/;
/** Reserved words are syntax when bare in the place of a command (`if`, `done`...), so they are quoted. */
const RESERVED = new Set(['case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while']);

/** The word for sh: bare when it can be, else in single quotes, where everything is literal (`'` is written `'\''`). */
function shellWord(value: string): string {
  if (BARE_SHELL_WORD.test(value) && !RESERVED.has(value)) return value;
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * cron's pass over the command field undone in advance. Debian's cron reads `\%` as `%`, `\\` as `\`, a
 * backslash before anything else as itself, and an unescaped `%` as the end of the command: so each `\` and
 * each `%` gets a backslash (watched on the real daemon: test/integration/render/crontab.test.ts).
 */
const cronEscaped = (text: string): string => text.replace(/[\\%]/g, (c) => `\\${c}`);

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** What a crontab line cannot carry in any field. */
function unwritable(value: string): string | undefined {
  if (hasControlCharacter(value)) return 'contains a control character (a line break, a tab...), which a crontab line cannot carry';
  if (hasLoneSurrogate(value)) return 'contains a lone surrogate (not valid Unicode), which a UTF-8 file cannot carry';
  return undefined;
}

/* ------------------------------------------------------------------------------------------------ */
/* The schedule                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

/** The `@` schedules Debian's cron knows (lower case only). */
export const CRON_SHORTHANDS = ['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Three-letter names (any case), numbered from `min`. */
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

/** A number or (month, day of week) a name, in the field's range; undefined when it is neither. */
function fieldValue(field: Field, text: string): number | undefined {
  if (/^[0-9]{1,9}$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const i = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return i < 0 ? undefined : field.min + i;
}

/** Why one field is wrong, or undefined: a list of `*`, values and `a-b` ranges, `*` and ranges with `/step`. */
function fieldProblem(field: Field, text: string): string | undefined {
  const range = field.names ? `${field.min}-${field.max} or a name (${field.names[0]}...)` : `${field.min}-${field.max}`;
  for (const item of text.split(',')) {
    const m = /^(\*|([^-/*]+)(?:-([^-/*]+))?)(?:\/([0-9]{1,9}))?$/.exec(item);
    if (!m) return `has "${item}" as its ${field.name}, which is not *, a value (${range}), a range a-b, or either with /step`;
    const [, star, from, to, step] = m;
    if (step !== undefined && Number(step) === 0) return `has a step of 0 in its ${field.name} ("${item}")`;
    if (star === '*') continue;
    const low = fieldValue(field, from!);
    const high = to === undefined ? low : fieldValue(field, to);
    if (low === undefined || high === undefined) return `has "${item}" as its ${field.name}, where only ${range} can be`;
    if (step !== undefined && to === undefined) return `has a step after a single value in its ${field.name} ("${item}"): use a range (${from}-${field.max}/${step}) or */${step}`;
    if (low > high) return `has the range ${item} in its ${field.name}, from high to low, which cron never runs`;
  }
  return undefined;
}

/**
 * Why a crontab schedule is not one Debian's cron runs as meant, or undefined: five fields (minute, hour,
 * day of month, month, day of week) separated by spaces or tabs, or one of the `@` shorthands. Stricter
 * than cron where cron accepts what means nothing (a range from high to low, `1-2-3`, `*`+`/5/2`).
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text.startsWith('@')) {
    return (CRON_SHORTHANDS as readonly string[]).includes(text) ? undefined : `is not a schedule cron knows: use five fields or one of ${CRON_SHORTHANDS.join(', ')}`;
  }
  const fields = text.split(/[ \t]+/).filter((f) => f !== '');
  if (fields.length !== 5) return `has ${fields.length} field${fields.length === 1 ? '' : 's'}, and a cron schedule has five (minute, hour, day of month, month, day of week) or is one of ${CRON_SHORTHANDS.join(', ')}`;
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(field, fields[i]!);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The schedule of a crontab line, written as given once it is one cron runs as meant. */
export const crontabScheduleFormat: Format = {
  name: 'crontab-schedule',
  consumer: 'Debian\'s cron (the schedule of a crontab line)',
  check: (value) => unwritable(value) ?? cronScheduleProblem(value),
  quote: (value) => value,
};

/** The user field of a line in /etc/cron.d: a user name as Debian allows it. */
export const crontabUserFormat: Format = {
  name: 'crontab-user',
  consumer: 'Debian\'s cron (the user of a line in /etc/cron.d)',
  check: (value) => (/^[a-z_][a-z0-9_-]{0,31}$/.test(value) ? undefined : 'is not a user name cron can read (lower-case letters, digits, _ and -, starting with a letter or _)'),
  quote: (value) => value,
};

/* ------------------------------------------------------------------------------------------------ */
/* The command                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

/**
 * One word of a crontab command, run by /bin/sh: quoted for sh, then `%` escaped for cron. Given a list,
 * it writes each word and joins them with a space; the whole command must fit cron's limit.
 */
export const crontabFormat: Format = {
  name: 'crontab',
  consumer: 'Debian\'s cron (the command field of a crontab line, run by /bin/sh)',
  check(value) {
    const reason = unwritable(value);
    if (reason !== undefined) return reason;
    const bytes = byteLength(cronEscaped(shellWord(value)));
    if (bytes > CRON_COMMAND_MAX_BYTES) return `is too long for a crontab command: written it takes ${bytes} bytes, and cron reads at most ${CRON_COMMAND_MAX_BYTES}`;
    return undefined;
  },
  quote: (value) => cronEscaped(shellWord(value)),
  listSeparator: ' ',
  // A crontab template writes a schedule and a user besides the command words.
  companions: [crontabScheduleFormat, crontabUserFormat],
  checkList(values) {
    const bytes = byteLength(values.map((v) => cronEscaped(shellWord(v))).join(' '));
    if (bytes > CRON_COMMAND_MAX_BYTES) return `makes a crontab command of ${bytes} bytes, and cron reads at most ${CRON_COMMAND_MAX_BYTES} (it would ignore the whole file)`;
    return undefined;
  },
};
