import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync as runCli, tempDir } from '../../../helpers/cli.js';
import { DOCKER_STAND_IN } from '../../../helpers/docker.js';
import { makeCertificate } from '../../../helpers/tls.js';

/**
 * `fieldstation apply` of an e-mission server from nothing but Docker, end to end through the built CLI:
 * the files, the steps (docker is the recording stand-in; openssl, mkdir and the rest are real), and the
 * health gate against a real HTTPS server on loopback that answers as upstream's cfc_webapp does (/ is a
 * 301 to its not-found redirect; an unknown token gets 403). Files for /etc go under the test's host root.
 */
const HOST = 'emission.example.org';
let server: Server;
let port = 0;
let certPath = '';
const seen: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  const cert = makeCertificate(tempDir(), HOST);
  certPath = cert.certPath;
  server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (req.method === 'GET' && req.url === '/') return res.writeHead(301, { location: 'https://nlr.gov/openpath' }).end();
      if (req.method === 'POST' && req.url === '/pipeline/get_complete_ts') return res.writeHead(403).end('Invalid token');
      res.writeHead(301, { location: 'https://nlr.gov/openpath' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

describe('apply sets up e-mission from the published image', () => {
  it('writes the files, runs the steps, and gates on the server through HTTPS and on a refused token', async () => {
    const work = tempDir();
    const dir = join(work, 'emission');
    const data = join(work, 'data');
    const host = join(work, 'host');
    const record = join(work, 'docker-calls.jsonl');
    const answers = join(work, 'answers.yaml');
    writeFileSync(answers, [
      'version: 1', 'stack: emission', `public_url: https://${HOST}/`, 'admin_email: admin@example.org', 'study: {config: my-study}',
      'auth: {token_count: 5}', `data_dir: ${data}`, `logs: {dir: ${data}/logs}`, 'schedule: {with: cron}', '',
    ].join('\n'));
    const r = await runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--connect-to', `127.0.0.1:${port}`, '--skip-check', 'dns', '--skip-check', 'ports'], {
      env: {
        PATH: `${DOCKER_STAND_IN}:${process.env['PATH']}`,
        FIELDSTATION_DOCKER_RECORD: record,
        // The check whether the codes are in MongoDB yet answers no: they are loaded.
        FIELDSTATION_DOCKER_FAIL: 'insert_tokens.py --show',
        FIELDSTATION_TEST_HOST_ROOT: host,
        NODE_EXTRA_CA_CERTS: certPath,
        FIELDSTATION_TEST_GRACE_MS: '1000',
        FIELDSTATION_TEST_BACKOFF_MS: '50',
      },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^Checked: The server answers over HTTPS: HTTP 301/m);
    expect(r.stdout).toMatch(/^Checked: A request without a valid token is refused: HTTP 403/m);
    expect(r.stdout).toMatch(/^Checked: Certificate served, with its expiry date: certificate valid until/m);
    expect(seen.some((q) => q.method === 'POST' && JSON.parse(q.body).user.startsWith('nrelop_my-study_default_'))).toBe(true);

    // Files: in the install folder (under the host root, as every file this run wrote), and /etc/cron.d.
    const real = (path: string) => join(host, path);
    for (const f of ['.secret.env', 'mongo.env', 'participant-tokens.txt']) expect(statSync(real(join(dir, f))).mode & 0o777, f).toBe(0o600);
    expect(readFileSync(real('/etc/cron.d/emission'), 'utf8')).toMatch(/^5 \* \* \* \* root sh -c /m);
    const codes = readFileSync(real(join(dir, 'participant-tokens.txt')), 'utf8').trim().split('\n');
    expect(codes).toHaveLength(5);
    // Output that is not a terminal (a pipe here, a CI log elsewhere) gets only where the codes are.
    expect(r.stderr).toContain(`Participant codes: in ${dir}/participant-tokens.txt (mode 0600). Not printed here: this output is not a terminal, and may be kept.`);

    // Steps: the data folders for real, the certificate dance and the containers through Compose.
    expect(statSync(join(data, 'mongo')).mode & 0o777).toBe(0o700);
    expect(existsSync(join(data, 'letsencrypt/live', HOST, 'fullchain.pem'))).toBe(false);
    const calls = readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; cwd: string; envNames: string[] }).filter((c) => c.argv[0] === 'compose' && c.argv[1] !== 'version');
    expect(calls.map((c) => c.argv.slice(1, 3).join(' '))).toEqual(['pull', 'run --rm', 'up -d', 'run --rm', 'exec -T', 'up -d', 'exec -T', 'exec -T']);
    expect(calls.every((c) => c.cwd === dir)).toBe(true);
    // The codes went on stdin; the probe got the last one through its environment, never argv.
    const probe = calls.find((c) => c.argv.join(' ').includes('--show'))!;
    expect(probe.envNames).toContain('LAST_TOKEN');
    // The run's log is fieldstation's own, in the install folder itself.
    const logs = join(dir, '.fieldstation', 'logs');
    const everything = [r.stdout, r.stderr, readFileSync(record, 'utf8'), ...readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8'))].join('\n');
    expect(everything).toContain('tokens');
    for (const code of codes) expect(everything).not.toContain(code);
  });
});
