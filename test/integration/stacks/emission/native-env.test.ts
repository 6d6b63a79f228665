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
  it('are in the crontab, above its jobs', async () => {
    const r = await renderEmission(NATIVE_EXAMPLE, {}, tempDir('fieldstation-emission-env-'));
    const text = r.text('/etc/cron.d/emission');
    const lines = text.split('\n');
    const env: Record<string, string> = {};
    // cron applies NAME=value lines to the jobs below them.
    for (const line of lines.slice(0, lines.findIndex((l) => /^[\d*@]/u.test(l)))) {
      const m = /^([A-Z_]+)=(.*)$/u.exec(line);
      if (m) env[m[1]!] = m[2]!;
    }
    const { SHELL: _shell, PATH: _path, ...settings } = env;
    expect(settings).toEqual(expected(r));
    expect(Object.keys(expected(r))).toContain('NOMINATIM_QUERY_URL');
  });

  it('are in each unit that runs upstream\'s code', async () => {
    const r = await renderEmission(NATIVE_EXAMPLE, { 'schedule.with': 'systemd', 'push.enabled': true, 'push.project_id': 'my-study-app', 'push.service_account_file': '/etc/emission/firebase.json' }, tempDir('fieldstation-emission-env-'));
    for (const unit of ['emission-web.service', 'emission-intake.service', 'emission-silent-push@.service']) {
      expect(unitEnvironment(r.text(`/etc/systemd/system/${unit}`)), unit).toEqual(expected(r));
    }
  });
});
