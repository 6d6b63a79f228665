import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, childEnv, runCliAsync as runCli, tempDir } from '../../../helpers/cli.js';
import { DOCKER_STAND_IN } from '../../../helpers/docker.js';
import { alive, until } from '../../../helpers/runner.js';
import { startStickypiApi } from './api.js';
import { EXAMPLE_ENV } from './answers.js';
import { writeUpstreamServer } from './upstream.js';

const FIRST_USER = { FIRST_USER_PASSWORD: 'first-user-password-1' };

let api: Awaited<ReturnType<typeof startStickypiApi>>;
let certDir: string;
let installDir = '';
beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'fieldstation-api-'));
  api = await startStickypiApi(certDir, () => installDir);
});
afterAll(async () => {
  await api.close();
  rmSync(certDir, { recursive: true, force: true });
});

/** A fresh install folder and answers whose data folder is inside the test's temporary folder. */
function setUp(extra = '') {
  const work = tempDir();
  installDir = writeUpstreamServer(join(work, 'server'));
  const answers = join(work, 'answers.yaml');
  writeFileSync(answers, [
    'version: 1', 'stack: stickypi', 'domain: sticky.example.org', 'admin_email: admin@example.org', `volume_root: ${join(work, 'data')}`,
    's3:', '  host: s3.example-provider.com', '  access_key: {env: STICKY_S3_ACCESS_KEY}', '  private_key: {env: STICKY_S3_PRIVATE_KEY}',
    extra, '',
  ].join('\n'));
  return { work, dir: installDir, data: join(work, 'data'), answers, record: join(work, 'docker-calls.jsonl') };
}

/** The environment of a real run here: docker is the recording stand-in, the API's CA is trusted. */
const env = (record: string, more: Record<string, string> = {}) => ({
  ...EXAMPLE_ENV, ...FIRST_USER, ...more,
  PATH: `${DOCKER_STAND_IN}:${process.env['PATH']}`,
  FIELDSTATION_DOCKER_RECORD: record,
  NODE_EXTRA_CA_CERTS: api.certPath,
  FIELDSTATION_TEST_GRACE_MS: '1000',
  FIELDSTATION_TEST_BACKOFF_MS: '50',
});
const flags = () => ['--yes', '--connect-to', `127.0.0.1:${api.port}`, '--skip-check', 'dns', '--skip-check', 'ports'];
/** The stand-in's record of the bootstrap's Compose calls (doctor's `docker info` and `compose version` left out). */
const dockerCalls = (record: string) => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { argv: string[]; cwd: string; pid: number }) : [])
  .filter((c) => c.argv[0] === 'compose' && c.argv[1] === '-f');
const composeCommands = (record: string) => dockerCalls(record).map((c) => c.argv.slice(7).slice(0, 3).join(' '));

describe('apply runs the Sticky Pi bootstrap', () => {
  it('runs every step in order, logs privately, and gates on the API', async () => {
    const t = setUp('first_user:\n  create: true\n  username: field-team\n  password: {env: FIRST_USER_PASSWORD}');
    const r = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: env(t.record) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Sticky Pi is set up/);
    // The health gate's result is in the summary, not only in the progress.
    expect(r.stdout).toMatch(/^Checked: API answers a login: HTTP 200 with token, expiration after \d+ attempt\(s\)\.$/m);

    const calls = dockerCalls(t.record);
    expect(calls.every((c) => c.cwd === t.dir && c.argv.slice(0, 7).join(' ') === 'compose -f docker-compose.yml -f docker-compose.prod.yml -f docker-compose.fieldstation.yml')).toBe(true);
    expect(composeCommands(t.record)).toEqual(['pull spi_db spi_api', 'run --rm --entrypoint', 'up -d spi_nginx', 'run --rm --entrypoint', 'exec -T spi_nginx', 'up -d --remove-orphans']);
    // The health gate reports the certificate's expiry date (the test's certificate: 90 days, as Let's Encrypt's).
    expect(r.stdout).toMatch(/^Checked: Certificate served, with its expiry date: certificate valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .*\(UTC.*\), (89|90) days left; spi_certbot renews it/m);
    // Remote S3: no local S3 was touched.
    expect(api.s3.requests).toEqual([]);
    expect(calls[3]!.argv).toEqual(expect.arrayContaining(['certonly', '--webroot', '-d', 'api.sticky.example.org', '--email', 'admin@example.org', '--non-interactive']));

    expect(readFileSync(join(t.data, 'data/certbot/conf/ssl-dhparams.pem'), 'utf8')).toContain('BEGIN DH PARAMETERS');
    expect(readFileSync(join(t.data, 'data/certbot/conf/options-ssl-nginx.conf'), 'utf8')).toContain('ssl_protocols TLSv1.2 TLSv1.3;');
    expect(statSync(join(t.data, 'mysql')).mode & 0o777).toBe(0o750);
    expect(api.requests.filter((q) => q.path === '/get_token' && q.ok).length).toBeGreaterThan(0);
    expect(api.users).toEqual([{ username: 'field-team', can_write: 0 }]);

    const logs = readdirSync(join(t.dir, '.fieldstation', 'logs'));
    expect(logs).toHaveLength(1);
    const logPath = join(t.dir, '.fieldstation', 'logs', logs[0]!);
    expect(statSync(logPath).mode & 0o777).toBe(0o600);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toMatch(/OK +health: API answers a login/);
    const secrets = readFileSync(join(t.dir, '.secret.env'), 'utf8').match(/'[A-Za-z0-9_-]{20,}'/g)!.map((q) => q.slice(1, -1));
    for (const s of [...secrets, FIRST_USER.FIRST_USER_PASSWORD]) {
      expect(log).not.toContain(s);
      expect(r.stderr + r.stdout).not.toContain(s);
    }
    expect(JSON.parse(readFileSync(join(t.dir, '.fieldstation', 'journal.json'), 'utf8'))).toMatchObject({ status: 'succeeded' });

    // Again: what is already there is skipped, with the reason; the user is not posted twice.
    const again = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: env(t.record) });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/SKIP tls-params: .*ssl-dhparams\.pem exists/);
    expect(again.stderr).toMatch(/SKIP first-user: .*get_users answers a user list with field-team/);
    expect(api.users).toHaveLength(1);
  });

  it('local S3: the certificate names s3., the bucket is made once, an upload goes through', async () => {
    const t = setUp();
    writeFileSync(t.answers, readFileSync(t.answers, 'utf8').replace(/s3:\n( {2}.*\n)+/, 'devices: 1\nretention_weeks: 4\ns3:\n  mode: local\n  bucket: sticky-pi-images\n'));
    const r = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: env(t.record) });
    expect(r.status, r.stderr).toBe(0);
    expect(dockerCalls(t.record).find((c) => c.argv.includes('certonly'))!.argv).toEqual(expect.arrayContaining(['-d', 's3.sticky.example.org', '--expand']));
    expect(composeCommands(t.record)[0]).toBe('pull spi_db spi_api');
    expect(dockerCalls(t.record)[0]!.argv.at(-1)).toBe('spi_minio');
    expect(statSync(join(t.data, 's3')).mode & 0o777).toBe(0o700);
    expect(r.stdout).toMatch(/^Checked: Local S3 takes an upload at s3\.sticky\.example\.org: a test object was uploaded to https:\/\/s3\.sticky\.example\.org\/sticky-pi-images, read back and deleted\.$/m);
    expect(api.s3.requests.map((q) => `${q.method} ${q.status}`)).toEqual(['HEAD 404', 'PUT 200', 'PUT 200', 'GET 200', 'DELETE 204']);
    expect(api.s3.objects.size).toBe(0);

    // Again: the bucket is there (HEAD), so it is not made twice; the upload is checked again.
    api.s3.requests.length = 0;
    const again = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: env(t.record) });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/SKIP s3-bucket: .*bucket sticky-pi-images exists/);
    expect(api.s3.requests.map((q) => `${q.method} ${q.status}`)).toEqual(['HEAD 200', 'PUT 200', 'GET 200', 'DELETE 204']);
  });

  it('prints one JSON event per line with --json', async () => {
    const t = setUp();
    const r = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags(), '--json'], { env: env(t.record) });
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id?: string });
    expect(events[0]!.type).toBe('run-started');
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', status: 'succeeded' });
    expect(events.filter((e) => e.type === 'step-succeeded').map((e) => e.id)).toEqual(expect.arrayContaining(['volumes', 'pull', 'certificate', 'up', 'health']));
  });

  it('stops at a failed step with its last lines, the log and the resume command; resume finishes', async () => {
    const t = setUp();
    const failed = await runCli(['apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: env(t.record, { FIELDSTATION_DOCKER_FAIL: '--remove-orphans' }) });
    expect(failed.status).toBe(4);
    expect(failed.stderr).toMatch(/Step up failed: docker exited with code 1/);
    expect(failed.stderr).toMatch(/\| stand-in: failing on purpose/);
    expect(failed.stderr).toMatch(/Full log: .*\.fieldstation\/logs\/.*\.log/);
    expect(failed.stderr).toContain(`fieldstation resume --dir ${t.dir}`);
    const before = dockerCalls(t.record).length;

    const resumed = await runCli(['resume', '--dir', t.dir, '--connect-to', `127.0.0.1:${api.port}`, '--skip-check', 'dns', '--skip-check', 'ports'], { env: env(t.record) });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming the stickypi bootstrap .*\(8 already finished\)/);
    expect(composeCommands(t.record).slice(before)).toEqual(['up -d --remove-orphans']);
    expect((await runCli(['resume', '--dir', t.dir], { env: env(t.record) })).stderr).toMatch(/Nothing to resume/);
  });

  it('stops cleanly when the SSH session drops (SIGHUP), and resume continues there', async () => {
    const t = setUp();
    const child = spawn(process.execPath, [BIN, 'apply', '--answers', t.answers, '--dir', t.dir, ...flags()], { env: childEnv(env(t.record, { FIELDSTATION_DOCKER_HANG: 'certonly' })), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => dockerCalls(t.record).some((c) => c.argv.includes('certonly')), 'the certificate step to start');
    const standIn = dockerCalls(t.record).find((c) => c.argv.includes('certonly'))!.pid;
    child.kill('SIGHUP');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/SIGHUP: stopping the running steps/);
    expect(stderr).toMatch(/STOP certificate/);
    await until(() => !alive(standIn), 'the stand-in docker process to be stopped');
    const journal = JSON.parse(readFileSync(join(t.dir, '.fieldstation', 'journal.json'), 'utf8')) as { status: string; steps: Record<string, { status: string }> };
    expect(journal.status).toBe('interrupted');
    expect(journal.steps['certificate']?.status).toBe('interrupted');
    expect(journal.steps['pull']?.status).toBe('done');

    const before = dockerCalls(t.record).length;
    const resumed = await runCli(['resume', '--dir', t.dir, '--connect-to', `127.0.0.1:${api.port}`, '--skip-check', 'dns', '--skip-check', 'ports'], { env: env(t.record) });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(composeCommands(t.record).slice(before)).toEqual(['run --rm --entrypoint', 'exec -T spi_nginx', 'up -d --remove-orphans']);
  });
});
