import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliAsync as runCli, tempDir } from '../../../helpers/cli.js';
import { dockerStandInEnv } from '../../../helpers/docker.js';
import { localServers, sendJson } from '../../../helpers/http-server.js';
import { cityDatabase, countryDatabase, epochDaysBefore } from '../../../helpers/mmdb.js';
import { LOCAL_EXAMPLE } from './render.js';

/**
 * Ichnaea's operations on an installed server, through the built CLI: `geoip-swap` (the roles stopped, the
 * new file renamed into place with the old kept, the roles started, the heartbeat) and `upgrade --to`
 * (the answers file gets the new tag, checked first). Docker is the recording stand-in; the files and the
 * heartbeat (a real HTTP server answering as Ichnaea's web role) are real. Everything is in the test's folder.
 */
const servers = localServers();
afterEach(() => servers.closeAll());

const heartbeat = (geoipUp: boolean) => ({ database: { up: true, time: 1, alembic_version: '3be4004781bc' }, geoip: { up: geoipUp, time: 0, age_in_days: geoipUp ? 2 : -1, version: '2026-11-20T00:00:00Z' }, redis: { up: true, time: 1 } });

/** An install of the local example in a folder of the test's own, files only, with its GeoIP file and web port there. */
async function installed(geoipUp = () => true) {
  const work = tempDir();
  const port = await servers.serve((req, res) => (req.url === '/__heartbeat__' ? sendJson(res, geoipUp() ? 200 : 503, heartbeat(geoipUp())) : sendJson(res, 404, {})));
  const geoip = join(work, 'geoip', 'GeoLite2-City.mmdb');
  mkdirSync(join(work, 'geoip'));
  writeFileSync(geoip, cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 30) }));
  const answers = join(work, 'answers.yaml');
  writeFileSync(answers, readFileSync(LOCAL_EXAMPLE, 'utf8').replace('path: /opt/geoip/GeoLite2-City.mmdb', `path: ${geoip}`).replace('port: 8000', `port: ${port}`).replace('data_dir: /var/lib/ichnaea', `data_dir: ${join(work, 'data')}`));
  const dir = join(work, 'server');
  const record = join(work, 'docker.jsonl');
  const env = dockerStandInEnv({ FIELDSTATION_DOCKER_RECORD: record });
  const r = await runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env });
  expect(r.status, r.stderr).toBe(0);
  const calls = () => (existsSync(record) ? readFileSync(record, 'utf8') : '').trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { argv: string[] }).argv.join(' '));
  return { work, dir, geoip, answers, env, calls };
}

describe('fieldstation geoip-swap', () => {
  it('checks the new file, stops the roles, swaps it in with the old one kept, starts them and waits for GeoIP up', async () => {
    const i = await installed();
    const fresh = join(i.work, 'new.mmdb');
    const bytes = cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 1) });
    writeFileSync(fresh, bytes);
    const old = readFileSync(i.geoip);
    const r = await runCli(['geoip-swap', '--dir', i.dir, '--file', fresh, '--yes'], { env: i.env });
    expect(r.status, r.stderr).toBe(0);
    expect(Buffer.compare(readFileSync(i.geoip), bytes)).toBe(0);
    expect(Buffer.compare(readFileSync(`${i.geoip}.previous`), old)).toBe(0);
    expect(i.calls()).toEqual(['compose stop web worker scheduler', 'compose start web worker scheduler']);
    expect(r.stderr).toMatch(/OK {3}heartbeat/);
    expect(r.stdout).toContain(`geoip-swap done in ${i.dir}.`);
    // The install's journal is still the last bootstrap's (none here): resume is not confused by it.
    expect(r.stderr).not.toMatch(/fieldstation resume/);
  }, 60_000);

  it('refuses a database Ichnaea cannot use before it stops anything', async () => {
    const i = await installed();
    const country = join(i.work, 'country.mmdb');
    writeFileSync(country, countryDatabase({ buildEpoch: epochDaysBefore(new Date(), 1) }));
    const r = await runCli(['geoip-swap', '--dir', i.dir, '--file', country, '--yes'], { env: i.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--file: .*GeoLite2-Country/);
    expect(i.calls()).toEqual([]);
    const missing = await runCli(['geoip-swap', '--dir', i.dir, '--yes'], { env: i.env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--file: is missing/);
  }, 60_000);

  it('says how to run it again when a step fails, and that the roles may be stopped', async () => {
    const i = await installed();
    const fresh = join(i.work, 'new.mmdb');
    writeFileSync(fresh, cityDatabase({ buildEpoch: epochDaysBefore(new Date(), 1) }));
    const r = await runCli(['geoip-swap', '--dir', i.dir, '--file', fresh, '--yes'], { env: { ...i.env, FIELDSTATION_DOCKER_FAIL: 'compose start' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/geoip-swap failed at step start/);
    expect(r.stderr).toContain(`Fix the cause, then run it again:\n  fieldstation geoip-swap --dir ${i.dir} --file ${fresh}`);
    // The new file is in place already: a run again stops nothing new and starts the roles.
    expect(readFileSync(i.geoip).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('fieldstation upgrade', () => {
  it('refuses a sunset tag and leaves the answers file as it was', async () => {
    const i = await installed();
    const before = readFileSync(i.answers, 'utf8');
    const r = await runCli(['upgrade', '--to', '2024.03.27-disable-submission', '--answers', i.answers, '--dir', i.dir, '--yes', '--skip-bootstrap'], { env: i.env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/image.*sunset tag/);
    expect(readFileSync(i.answers, 'utf8')).toBe(before);
  }, 60_000);

  it('writes the new tag into the answers file, keeping its comments, and applies it', async () => {
    const i = await installed();
    const r = await runCli(['upgrade', '--to', '2022.09.07', '--answers', i.answers, '--dir', i.dir, '--yes', '--skip-bootstrap'], { env: i.env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('image: mozilla/location:2023.01.16 -> mozilla/location:2022.09.07');
    const text = readFileSync(i.answers, 'utf8');
    expect(text).toMatch(/^image: mozilla\/location:2022\.09\.07 +# the last release before the sunset/mu);
    expect(readFileSync(join(i.dir, '.env'), 'utf8')).toContain("ICHNAEA_IMAGE='mozilla/location:2022.09.07'");
  }, 60_000);
});
