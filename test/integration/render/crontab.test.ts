/**
 * The crontab formats against Debian's cron (3.0pl1): every hostile value is refused by the format, or
 * reaches the command as the very argument written, through the real daemon (its reading of the line, its
 * `%` pass, /bin/sh); every schedule the format accepts is one `crontab` installs, and what it refuses
 * `crontab` refuses too, or is listed below as meaningless. The daemon runs in a mount namespace of its
 * own (test/helpers/cron.ts): nothing of this machine's crontabs is read or changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRON_COMMAND_MAX_BYTES, cronScheduleProblem, crontabFormat, crontabScheduleFormat } from '../../../src/kit/formats/crontab.js';
import { CORPUS, mismatch, xorshift32 } from '../../fixtures/hostile-values.js';
import { installCrontab, startCron, waitForFiles, type CronRun } from '../../helpers/cron.js';
import { renderTemplate } from '../../helpers/render.js';

const CRON_D = '{{#each jobs}}{{crontab-schedule this.schedule}} {{crontab-user this.user}} {{crontab this.command}}\n{{/each}}';
/** Writes its first argument, exactly, to the file its second names (whole, or not at all). */
const WRITE_ARG = 'printf %s "$1" > "$2.part" && mv "$2.part" "$2"';
const job = (value: string, out: string) => ({ schedule: '@reboot', user: 'root', command: ['/bin/sh', '-c', WRITE_ARG, 'sh', value, out] });

describe('crontab: each hostile value is refused, or reaches the command identical through cron and /bin/sh', () => {
  let cron: CronRun;
  const accepted = CORPUS.filter((h) => crontabFormat.check(h.value) === undefined && crontabFormat.checkList!(job(h.value, '/tmp/x/V0000').command) === undefined);
  const outputs = accepted.map((_, i) => `V${String(i).padStart(4, '0')}`);

  beforeAll(() => {
    cron = startCron((dir) => ({ fieldstation: renderTemplate(`MAILTO=""\n${CRON_D}`, crontabFormat, { jobs: accepted.map((h, i) => job(h.value, join(dir, 'out', outputs[i]!))) }) }));
  });
  afterAll(() => cron?.stop());

  it('the corpus exercises both branches', () => {
    expect(accepted.length).toBeGreaterThan(CORPUS.length / 2);
    const refused = CORPUS.filter((h) => !accepted.includes(h)).map((h) => h.name);
    for (const name of ['real newline', 'NUL', 'tab inside', '10,000 x']) expect(refused).toContain(name);
  });

  it('every accepted value is the argument the command got', async () => {
    const paths = outputs.map((o) => join(cron.dir, 'out', o));
    await waitForFiles(paths);
    const wrong = accepted.map((h, i) => {
      const got = readFileSync(paths[i]!, 'utf8');
      return got === h.value ? undefined : mismatch(h.name, 'the argument', h.value, got);
    }).filter((m) => m !== undefined);
    expect(wrong).toEqual([]);
  });
});

describe('crontab: the length of a command', () => {
  /** A command whose written form takes exactly `bytes` bytes. */
  const commandOf = (bytes: number, out: string): string[] => {
    const base = ['/bin/sh', '-c', 'printf %s "$1" > "$2"', 'sh', '', out];
    const written = base.map((w) => crontabFormat.quote(w)).join(' ').length;
    return base.map((w, i) => (i === 4 ? 'x'.repeat(bytes - written + 2) : w));
  };
  const written = (command: readonly string[]) => command.map((w) => crontabFormat.quote(w)).join(' ');

  it(`${CRON_COMMAND_MAX_BYTES} bytes are accepted by the format, by crontab, and run by cron; one more is refused by both`, async () => {
    const fits = commandOf(CRON_COMMAND_MAX_BYTES, '/tmp/out');
    const over = commandOf(CRON_COMMAND_MAX_BYTES + 1, '/tmp/out');
    expect(written(fits)).toHaveLength(CRON_COMMAND_MAX_BYTES);
    expect(written(over)).toHaveLength(CRON_COMMAND_MAX_BYTES + 1);
    expect(crontabFormat.checkList!(fits)).toBeUndefined();
    expect(crontabFormat.checkList!(over)).toBe(`makes a crontab command of ${CRON_COMMAND_MAX_BYTES + 1} bytes, and cron reads at most ${CRON_COMMAND_MAX_BYTES} (it would ignore the whole file)`);
    expect(installCrontab(`@daily ${written(fits)}\n`)).toMatchObject({ ok: true });
    const refused = installCrontab(`@daily ${written(over)}\n`);
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain('command too long');

    // The daemon: the longest command runs (the out file is 998 bytes long minus the rest of the command).
    const cron = startCron((dir) => ({ fits: `@reboot root ${written(commandOf(CRON_COMMAND_MAX_BYTES, join(dir, 'out', 'fits')))}\n` }));
    try {
      await waitForFiles([join(cron.dir, 'out', 'fits')]);
    } finally {
      await cron.stop();
    }
  });
});

describe('crontab-schedule: what the format accepts, crontab installs', () => {
  const verdict = (schedule: string) => installCrontab(`${schedule} true\n`).ok;

  it.each([
    '* * * * *', '*/5 * * * *', '0 3 * * mon-fri', '0 3 * * MON', '0 3 1 jan *', '0 3 1 jan-mar *', '0 3 1 * sun,sat', '* * * * 7', '* * * * 0',
    '1-5/2 * * * *', '0,15,30,45 * * * *', '0-59/15 * * * *', '*/60 * * * *', '01 * * * *', '*/5,10 * * * *', '* * * * 1-7', '* * * 1-dec *',
    '* * * * Sun-Sat', '  0 3 * * *', '59 23 31 12 *', ...['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'],
  ])('accepts %j, and so does crontab', (schedule) => {
    expect(crontabScheduleFormat.check(schedule)).toBeUndefined();
    expect(verdict(schedule)).toBe(true);
  });

  it.each([
    '60 * * * *', '* 24 * * *', '* * 0 * *', '* * 32 * *', '* * * 0 *', '* * * 13 *', '* * * * 8', '*/0 * * * *', '0-59/0 * * * *', '1/5 * * * *',
    '* * * *', '@DAILY', '@every', '@ daily', '* * * * monday', '* * * january *', '* * * jan/2 *', '-1 * * * *', '1- * * * *', ', * * * *',
    '99999999999 * * * *', '0 0 L * *', '?', '* * * * * *',
  ])('refuses %j, and so does crontab', (schedule) => {
    expect(cronScheduleProblem(schedule)).toBeDefined();
    expect(verdict(schedule)).toBe(false);
  });

  // Stricter than cron: it takes these, but runs none of them as anyone would mean them.
  it.each([
    ['5-1 * * * *', 'has the range 5-1 in its minute, from high to low, which cron never runs'],
    ['* * * * sat-sun', 'has the range sat-sun in its day of week, from high to low, which cron never runs'],
    ['1-2-3 * * * *', 'has "1-2-3" as its minute, which is not *, a value (0-59), a range a-b, or either with /step'],
    ['*/5/2 * * * *', 'has "*/5/2" as its minute, which is not *, a value (0-59), a range a-b, or either with /step'],
    ['*-5 * * * *', 'has "*-5" as its minute, which is not *, a value (0-59), a range a-b, or either with /step'],
  ])('refuses %j, which crontab takes: %s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
    expect(verdict(schedule)).toBe(true);
  });

  it('installs 300 random schedules the format accepts', () => {
    const random = xorshift32(20261129);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const FIELDS: readonly [number, number, readonly string[]][] = [[0, 59, []], [0, 23, []], [1, 31, []], [1, 12, ['jan', 'Feb', 'DEC']], [0, 7, ['sun', 'Mon', 'SAT']]];
    const item = ([min, max, names]: readonly [number, number, readonly string[]]): string => {
      const n = () => min + Math.floor(random() * (max - min + 1));
      const kind = Math.floor(random() * (names.length ? 6 : 5));
      if (kind === 0) return '*';
      if (kind === 1) return `*/${1 + Math.floor(random() * 30)}`;
      if (kind === 2) return String(n());
      const [a, b] = [n(), n()].sort((x, y) => x - y);
      if (kind === 3) return `${a}-${b}`;
      if (kind === 4) return `${a}-${b}/${1 + Math.floor(random() * 10)}`;
      return pick(names);
    };
    const schedules = Array.from({ length: 300 }, () => FIELDS.map((f) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => item(f)).join(',')).join(' '));
    expect(schedules.filter((s) => cronScheduleProblem(s) !== undefined)).toEqual([]);
    const r = installCrontab(schedules.map((s) => `${s} true\n`).join(''));
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });
});
