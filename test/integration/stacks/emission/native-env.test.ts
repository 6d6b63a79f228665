import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/cli.js';
import { NATIVE_EXAMPLE, renderEmission, type Rendered } from './render.js';

/**
 * Settings upstream reads only from its environment (emission.md §0.4) reach a native server too: there is
 * no .env and no container there, so the units' Environment= and the crontab carry them. Without them the
 * server would fall back to STUDY_CONFIG=stage-program, another deployment's study config.
 */
function expected(r: Rendered): Record<string, string> {
  const a = r.input.answers;
  return {
    STUDY_CONFIG: String(a['study.config']),
    CONFIGS_URL: String(a['study.configs_url']),
    ...(a['nominatim.enabled'] === true ? { NOMINATIM_QUERY_URL: String(a['nominatim.url']) } : {}),
  };
}

/** systemd's Environment= lines: space-separated assignments, each possibly in double quotes. */
function unitEnvironment(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, rest] of text.matchAll(/^Environment=(.*)$/gmu)) {
    for (const [, quoted, bare] of rest!.matchAll(/"([^"]*)"|(\S+)/gu)) {
      const assignment = quoted ?? bare!;
      const eq = assignment.indexOf('=');
      out[assignment.slice(0, eq)] = assignment.slice(eq + 1);
    }
  }
  return out;
}

describe('a native server\'s environment-only settings', () => {
  it('are set by env in front of every cron job, as /bin/sh reads the command', async () => {
    const r = await renderEmission(NATIVE_EXAMPLE, {}, tempDir('fieldstation-emission-env-'));
    const jobs = r.text('/etc/cron.d/emission').split('\n').filter((l) => /^[\d*@]/u.test(l));
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      // Five schedule fields and the user, then the command: cron undoes its own escapes (\\ and \%), then /bin/sh runs it.
      const command = job.split(' ').slice(6).join(' ').replace(/\\([\\%])/gu, '$1');
      const words = execFileSync('/bin/sh', ['-c', `words() { printf '%s\\0' "$@"; }; words ${command}`]).toString().split('\0').slice(0, -1);
      expect(words[0], job).toBe('env');
      const env: Record<string, string> = {};
      for (const w of words.slice(1, words.indexOf('sh'))) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
      expect(env, job).toEqual(expected(r));
    }
    expect(Object.keys(expected(r))).toContain('NOMINATIM_QUERY_URL');
  });

  it('are in each unit that runs upstream\'s code', async () => {
    const r = await renderEmission(NATIVE_EXAMPLE, { 'schedule.with': 'systemd', 'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': '/etc/emission/firebase.json' }, tempDir('fieldstation-emission-env-'));
    for (const unit of ['emission-web.service', 'emission-intake.service', 'emission-silent-push@.service']) {
      expect(unitEnvironment(r.text(`/etc/systemd/system/${unit}`)), unit).toEqual(expected(r));
    }
  });
});
