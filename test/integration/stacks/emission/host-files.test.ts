/**
 * e-mission's own certificate files (tls.mode own or builtin, whose conf/net/keys.json the server loads)
 * and its Firebase key are read at validation: a pair that a TLS server would refuse, an expired
 * certificate or another project's key is refused naming its answer, before anything is written. The
 * pair that passes is the one a real node TLS server loads and a client completes a handshake with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:tls';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../../src/stacks/index.js';
import { tempDir } from '../../../helpers/cli.js';
import { runInProcess } from '../../../helpers/in-process.js';
import { issueCertificate } from '../../../helpers/tls.js';

const HOST = 'emission.example.org';
const DAY = 24 * 3600_000;

function answers(dir: string, lines: string[]): string {
  const file = join(dir, 'emission.yaml');
  writeFileSync(file, ['version: 1', 'stack: emission', `public_url: https://${HOST}/`, 'admin_email: admin@example.org', 'study: {config: my-study}', ...lines, ''].join('\n'));
  return file;
}

const builtin = (c: { certPath: string; keyPath: string }, chain: string) => ['runtime: native', 'mongodb: {mode: local}', 'tls:', '  mode: builtin', `  certificate: ${c.certPath}`, `  chain: ${chain}`, `  private_key: ${c.keyPath}`];
const validate = (file: string, cwd: string) => runInProcess(['validate', '--answers', file], { cwd, stacks: STACKS });
/** The errors printed (warnings, e.g. about a local MongoDB without authentication, are left out). */
const problems = (stderr: string) => stderr.split('\n').filter((l) => /^ {2}error/.test(l)).map((l) => l.replace(/^ {2}error +/, ''));

/** keys.json's three files as cheroot takes them: the certificate, its chain, its key, in a TLS server. */
async function handshake(certificate: string, chain: string, key: string, ca: string): Promise<string> {
  const server: Server = createServer({ cert: `${certificate}${chain}`, key });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername: HOST, ca }, () => {
        resolve(String(socket.getPeerCertificate().subject.CN));
        socket.end();
      });
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('e-mission\'s certificate files and Firebase key, at validation', () => {
  it('passes the keys.json pair that a real TLS server loads and a client trusts through its chain', async () => {
    const dir = tempDir();
    const ca = issueCertificate(dir, 'Test Root CA', { file: 'root', ca: true });
    const intermediate = issueCertificate(dir, 'Test Intermediate', { file: 'intermediate', ca: true, issuer: ca });
    const leaf = issueCertificate(dir, HOST, { issuer: intermediate });
    const r = await validate(answers(dir, builtin(leaf, intermediate.certPath)), dir);
    expect(problems(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
    expect(await handshake(leaf.cert, intermediate.cert, leaf.key, ca.cert)).toBe(HOST);
  });

  it('refuses a key of another certificate, as the TLS server does, naming tls.private_key', async () => {
    const dir = tempDir();
    const ca = issueCertificate(dir, 'Test Root CA', { file: 'root', ca: true });
    const leaf = issueCertificate(dir, HOST, { issuer: ca });
    const other = issueCertificate(dir, HOST, { file: 'other', issuer: ca });
    const r = await validate(answers(dir, builtin({ certPath: leaf.certPath, keyPath: other.keyPath }, ca.certPath)), dir);
    expect(r.status).toBe(2);
    expect(problems(r.stderr)).toEqual([expect.stringMatching(/^tls\.private_key \(line \d+\): /)]);
    await expect(handshake(leaf.cert, ca.cert, other.key, ca.cert)).rejects.toThrow();
    expect(r.stderr).not.toContain(other.key.split('\n')[1]);
  });

  it('refuses an expired certificate and a chain that did not issue it, each on its own answer', async () => {
    const dir = tempDir();
    const ca = issueCertificate(dir, 'Test Root CA', { file: 'root', ca: true });
    const stranger = issueCertificate(dir, 'Other CA', { file: 'stranger', ca: true });
    const expired = issueCertificate(dir, HOST, { issuer: ca, notBefore: new Date(Date.now() - 90 * DAY), notAfter: new Date(Date.now() - DAY) });
    const r = await validate(answers(dir, builtin(expired, stranger.certPath)), dir);
    expect(r.status).toBe(2);
    const found = problems(r.stderr);
    expect(found.some((l) => /^tls\.certificate \(line \d+\): expired on/.test(l))).toBe(true);
    expect(found.some((l) => /^tls\.chain \(line \d+\): /.test(l))).toBe(true);
  });

  it('refuses a Firebase key of another project or of another kind, naming push.service_account_file', async () => {
    const dir = tempDir();
    const key = join(dir, 'firebase.json');
    const push = (project: string) => ['push:', '  enabled: true', `  project_id: ${project}`, `  service_account_file: ${key}`];
    writeFileSync(key, JSON.stringify({ type: 'service_account', project_id: 'my-study-app', private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n', client_email: 'fcm@my-study-app.iam.gserviceaccount.com' }));
    expect((await validate(answers(dir, push('my-study-app')), dir)).status).toBe(0);
    const wrongProject = await validate(answers(dir, push('another-app')), dir);
    expect(problems(wrongProject.stderr)).toEqual([expect.stringMatching(/^push\.service_account_file \(line \d+\): belongs to the Firebase project "my-study-app", not push\.project_id "another-app"/)]);
    writeFileSync(key, JSON.stringify({ project_info: { project_id: 'my-study-app' }, client: [] }));
    const googleServices = await validate(answers(dir, push('my-study-app')), dir);
    expect(problems(googleServices.stderr)[0]).toMatch(/is not a service-account key/);
    // Nothing of the file's content is echoed.
    expect(readFileSync(key, 'utf8')).not.toBe('');
  });
});
