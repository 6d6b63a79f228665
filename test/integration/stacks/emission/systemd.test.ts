import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/cli.js';
import { DOCKER_EXAMPLE, NATIVE_EXAMPLE, renderEmission, type Rendered } from './render.js';

/**
 * The units and timers, read by systemd's own parser: `systemd-analyze verify` (no running systemd
 * needed). It puts the folder of the files it is given first on the unit path, and reads the machine's
 * own units for the default dependencies (sysinit.target...): a unit path of the test's folder alone fails
 * on those. It checks that each ExecStart program exists here (/bin/bash, /usr/bin/env: Debian has both)
 * and does not look up User=, so nothing outside the files decides the result. Unknown keys and bad values
 * are only warnings (status 0), so nothing may be printed either.
 */
const UNITS = '/etc/systemd/system';

function verify(folder: string, names: readonly string[]) {
  const r = spawnSync('systemd-analyze', ['verify', ...names], { cwd: folder, encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_COLOR: '0' } });
  if (r.error) throw new Error(`systemd-analyze is not installed (apt-get install systemd): ${r.error.message}`);
  return r;
}

/** When a calendar expression fires, three times from a fixed time: the seconds between firings. */
function periods(calendar: string): number[] {
  const r = spawnSync('systemd-analyze', ['calendar', '--iterations=3', '--base-time=2026-01-01 00:00:30 UTC', calendar], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  expect(r.status, r.stderr).toBe(0);
  const times = [...r.stdout.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC/gu)].map((m) => Date.parse(`${m[1]}T${m[2]}Z`) / 1000);
  expect(times, r.stdout).toHaveLength(3);
  return times.slice(1).map((t, i) => t - times[i]!);
}

const unitFiles = (r: Rendered): string[] => [...r.files.keys()].filter((p) => p.startsWith(`${UNITS}/`)).map((p) => p.slice(UNITS.length + 1)).sort();
const setting = (text: string, key: string): string | undefined => new RegExp(`^${key}=(.*)$`, 'mu').exec(text)?.[1];

const cases = [
  ['the docker example with every silent push', DOCKER_EXAMPLE, { 'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': '/etc/emission/firebase.json', 'push.silent_intervals': '60,600,1800,3600' }, 3600],
  ['the native example on systemd timers, with pushes every 600 s', NATIVE_EXAMPLE, { 'schedule.with': 'systemd', 'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': '/etc/emission/firebase.json', 'push.silent_intervals': '600' }, 86400],
] as const;

describe.each(cases)('%s', (_name, example, overrides, intakePeriod) => {
  it('passes systemd-analyze verify, with the service each timer starts', async () => {
    const work = tempDir('fieldstation-emission-systemd-');
    const r = await renderEmission(example, overrides, work);
    const names = unitFiles(r);
    const timers = names.filter((n) => n.endsWith('.timer'));
    expect(timers.length).toBe(1 + overrides['push.silent_intervals'].split(',').length);
    // The unit each timer starts, by name: a template's instance comes from the template file beside it.
    const started = timers.map((t) => setting(r.text(`${UNITS}/${t}`), 'Unit') ?? t.replace(/\.timer$/u, '.service'));
    const v = verify(r.real(UNITS), [...names.map((n) => `./${n}`), ...started]);
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    expect(readdirSync(r.real(UNITS)).sort()).toEqual(names);
  });

  it('fires each timer at its period: the pipeline\'s schedule, and every silent push at its own interval', async () => {
    const work = tempDir('fieldstation-emission-systemd-');
    const r = await renderEmission(example, overrides, work);
    const intake = setting(r.text(`${UNITS}/emission-intake.timer`), 'OnCalendar')!;
    expect(periods(intake)).toEqual([intakePeriod, intakePeriod]);
    for (const seconds of overrides['push.silent_intervals'].split(',').map(Number)) {
      const timer = r.text(`${UNITS}/emission-silent-push-${seconds}.timer`);
      expect(setting(timer, 'Unit')).toBe(`emission-silent-push@${seconds}.service`);
      expect(periods(setting(timer, 'OnCalendar')!), `${seconds} s`).toEqual([seconds, seconds]);
    }
    expect(r.text(`${UNITS}/emission-silent-push@.service`)).toMatch(/^ExecStart=.* bin\/push\/silent_ios_push\.py %i"$/mu);
  });
});

describe('systemd-analyze verify', () => {
  it('refuses a timer\'s instance when its template is not beside it (the check above can fail)', async () => {
    const work = tempDir('fieldstation-emission-systemd-');
    const [, example, overrides] = cases[0];
    const r = await renderEmission(example, overrides, work);
    const alone = join(work, 'timers-only');
    mkdirSync(alone);
    copyFileSync(r.real(`${UNITS}/emission-silent-push-60.timer`), join(alone, 'emission-silent-push-60.timer'));
    const v = verify(alone, ['./emission-silent-push-60.timer', 'emission-silent-push@60.service']);
    expect(v.stderr).toMatch(/emission-silent-push@60\.service not found/);
    expect(v.status).not.toBe(0);
  });
});
