import { describe, expect, it } from 'vitest';
import { FormatError, quoteFor } from '../../../src/core/formats/format.js';
import { CRON_COMMAND_MAX_BYTES, cronScheduleProblem, crontabFormat, crontabScheduleFormat, crontabUserFormat } from '../../../src/kit/formats/crontab.js';
import { renderTemplate } from '../../helpers/render.js';

const CONTROL = 'contains a control character (a line break, a tab...), which a crontab line cannot carry';

describe('crontab: one word of a command', () => {
  it.each<[string, string]>([
    ['/usr/bin/python3', '/usr/bin/python3'],
    ['--config=/etc/x', "'--config=/etc/x'"],
    ['', "''"],
    ['if', "'if'"],
    ['a b', "'a b'"],
    ["it's", "'it'\\\\''s'"],
    ['50%', "'50\\%'"],
    ['a\\b', "'a\\\\b'"],
    ['a\\%b', "'a\\\\\\%b'"],
    ['$HOME `id` #x ~', "'$HOME `id` #x ~'"],
  ])('%j is written %s', (value, written) => {
    expect(crontabFormat.check(value)).toBeUndefined();
    expect(quoteFor(crontabFormat, value)).toBe(written);
  });

  it.each([['a\nb'], ['a\rb'], ['a\tb'], ['\0']])('refuses the control character in %j', (value) => {
    expect(crontabFormat.check(value)).toBe(CONTROL);
  });

  it('refuses a word that alone is longer than cron reads, and a list that together is', () => {
    expect(crontabFormat.check('x'.repeat(CRON_COMMAND_MAX_BYTES))).toBeUndefined();
    expect(crontabFormat.check('%'.repeat(500))).toBe(`is too long for a crontab command: written it takes 1002 bytes, and cron reads at most ${CRON_COMMAND_MAX_BYTES}`);
    expect(crontabFormat.checkList!(['/bin/echo', 'x'.repeat(CRON_COMMAND_MAX_BYTES - 10)])).toBeUndefined();
    expect(crontabFormat.checkList!(['/bin/echo', 'x'.repeat(CRON_COMMAND_MAX_BYTES - 9)])).toMatch(/^makes a crontab command of 999 bytes/);
  });
});

describe('crontab-schedule', () => {
  it.each<[string, string | undefined]>([
    ['*/15 * * * *', undefined],
    ['0 3 * * mon-fri', undefined],
    ['@daily', undefined],
    ['@weekly', undefined],
    ['@Daily', 'is not a schedule cron knows: use five fields or one of @reboot, @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly'],
    ['0 3 * *', 'has 4 fields, and a cron schedule has five (minute, hour, day of month, month, day of week) or is one of @reboot, @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly'],
    ['', 'has 0 fields, and a cron schedule has five (minute, hour, day of month, month, day of week) or is one of @reboot, @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly'],
    ['0 24 * * *', 'has "24" as its hour, where only 0-23 can be'],
    ['0 0 * 13 *', 'has "13" as its month, where only 1-12 or a name (jan...) can be'],
    ['0 0 * * monday', 'has "monday" as its day of week, where only 0-7 or a name (sun...) can be'],
    ['*/0 * * * *', 'has a step of 0 in its minute ("*/0")'],
    ['5/10 * * * *', 'has a step after a single value in its minute ("5/10"): use a range (5-59/10) or */10'],
    ['30-10 * * * *', 'has the range 30-10 in its minute, from high to low, which cron never runs'],
  ])('%j: %s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });

  it('is written as given, and refuses control characters first', () => {
    expect(quoteFor(crontabScheduleFormat, '0 3 * * mon-fri')).toBe('0 3 * * mon-fri');
    expect(crontabScheduleFormat.check('0 3 * * *\n* * * * * rm -rf /')).toBe(CONTROL);
  });
});

describe('a crontab template', () => {
  const TEMPLATE = 'MAILTO=""\n{{crontab-schedule schedule}} {{crontab-user user}} {{crontab command}}\n';

  it('writes the schedule and the user as given, and the command\'s words quoted', () => {
    expect(renderTemplate(TEMPLATE, crontabFormat, { schedule: '*/5 * * * *', user: 'emission', command: ['/usr/bin/python3', 'bin/intake.py', '--since', '50% done'] }))
      .toBe("MAILTO=\"\"\n*/5 * * * * emission /usr/bin/python3 bin/intake.py --since '50\\% done'\n");
  });

  it('refuses a bad user and a command over cron\'s limit when rendering, the last guard after validation', () => {
    expect(crontabUserFormat.check('Emission Data')).toBe('is not a user name cron can read (lower-case letters, digits, _ and -, starting with a letter or _)');
    expect(() => renderTemplate(TEMPLATE, crontabFormat, { schedule: '@daily', user: 'root', command: ['/bin/echo', 'x'.repeat(CRON_COMMAND_MAX_BYTES)] })).toThrow(new FormatError('crontab', `makes a crontab command of 1008 bytes, and cron reads at most ${CRON_COMMAND_MAX_BYTES} (it would ignore the whole file)`).message);
  });
});
