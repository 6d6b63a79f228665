/**
 * Files of this machine that answers point at are checked with the answers: `fieldstation validate` (and
 * apply, before it writes anything) refuses the admin's own certificate when it is expired, not the key's,
 * unreadable or not a file, naming the answer that gave its path, together with every other problem.
 * Beacon with its own certificate (test/fixtures/stacks/beacon/tls.ts) is a server of the tests only, so
 * the CLI runs in this process with it registered, as the other Beacon CLI tests do.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beaconTlsEntry } from '../../fixtures/stacks/beacon/tls.js';
import { tempDir } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';
import { issueCertificate } from '../../helpers/tls.js';

const DOMAIN = 'beacon.example.org';
const DAY = 24 * 3600_000;

/** An answers file for Beacon with its own certificate, in `dir`. */
function answersFile(dir: string, tls: { certificate: string; key: string }, site = 'north-ridge'): string {
  const file = join(dir, 'beacon.yaml');
  writeFileSync(file, [
    'version: 1',
    'stack: beacon',
    'site:',
    `  name: ${site}`,
    `  domain: ${DOMAIN}`,
    'tls:',
    '  mode: own',
    `  certificate: ${JSON.stringify(tls.certificate)}`,
    `  key: ${JSON.stringify(tls.key)}`,
    '',
  ].join('\n'));
  return file;
}

const validate = (file: string, cwd: string) => runInProcess(['validate', '--answers', file], { cwd, stacks: [beaconTlsEntry] });
/** The problem lines of the output: `key (line N): message`. */
const problemLines = (stderr: string) => stderr.split('\n').filter((l) => /^ {2}(error|warning)/.test(l)).map((l) => l.replace(/^ {2}(error|warning) +/, ''));

describe('fieldstation validate checks the certificate files the answers point at', () => {
  it('a good pair passes', async () => {
    const dir = tempDir();
    const good = issueCertificate(dir, DOMAIN);
    const r = await validate(answersFile(dir, { certificate: good.certPath, key: good.keyPath }), dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid answers for Beacon');
  });

  it('an expired certificate is refused naming tls.certificate, with every other problem; apply writes nothing', async () => {
    const dir = tempDir();
    const expired = issueCertificate(dir, DOMAIN, { notBefore: new Date(Date.now() - 90 * DAY), notAfter: new Date(Date.now() - 2 * DAY) });
    const file = answersFile(dir, { certificate: expired.certPath, key: expired.keyPath }, 'North Ridge');
    const r = await validate(file, dir);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([
      expect.stringMatching(/^site\.name \(line 4\): /),
      `tls.certificate (line 8): expired on ${new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)}`,
    ]);
    expect(r.stderr).toMatch(/2 problems in the answers; nothing was written/);

    const install = join(dir, 'server');
    execFileSync('mkdir', [install]);
    const apply = await runInProcess(['apply', '--answers', file, '--dir', install, '--yes'], { cwd: dir, stacks: [beaconTlsEntry] });
    expect(apply.status).toBe(2);
    expect(problemLines(apply.stderr)).toContain(`tls.certificate (line 8): expired on ${new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)}`);
    expect(readdirSync(install)).toEqual([]);
  });

  it('a key of another certificate is refused naming tls.key, and no key material is printed', async () => {
    const dir = tempDir();
    const cert = issueCertificate(dir, DOMAIN);
    const other = issueCertificate(dir, DOMAIN, { file: 'other' });
    const r = await validate(answersFile(dir, { certificate: cert.certPath, key: other.keyPath }), dir);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual(['tls.key (line 9): is not the private key of the certificate: its public half differs from the certificate\'s']);
    for (const line of other.key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(r.stderr + r.stdout).not.toContain(line.slice(0, 16));
  });

  it('a certificate for another name is refused, naming the names it has', async () => {
    const dir = tempDir();
    const cert = issueCertificate(dir, 'other.example.org');
    const r = await validate(answersFile(dir, { certificate: cert.certPath, key: cert.keyPath }), dir);
    expect(problemLines(r.stderr)).toEqual([`tls.certificate (line 8): is not for ${DOMAIN}: it names other.example.org`]);
  });

  it('a missing file, a folder and a FIFO are refused without being read (a FIFO would block)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'key.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await validate(answersFile(dir, { certificate: join(dir, 'missing.pem'), key: fifo }), dir);
    expect(r.status).toBe(2);
    expect(problemLines(r.stderr)).toEqual([
      `tls.certificate (line 8): points at ${join(dir, 'missing.pem')}, which does not exist`,
      `tls.key (line 9): points at ${fifo}, which is not a regular file (a FIFO, a socket or a device)`,
    ]);
    const folder = await validate(answersFile(dir, { certificate: dir, key: join(dir, 'missing.key') }), dir);
    expect(problemLines(folder.stderr)[0]).toBe(`tls.certificate (line 8): points at ${dir}, which is a folder, not a file`);
  });

  it('a file over 1 MiB is refused without being read whole', async () => {
    const dir = tempDir();
    const cert = issueCertificate(dir, DOMAIN);
    const big = join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x41));
    const r = await validate(answersFile(dir, { certificate: big, key: cert.keyPath }), dir);
    expect(problemLines(r.stderr)).toEqual([`tls.certificate (line 8): points at ${big}, which is larger than 1 MiB, far more than such a file holds`]);
  });
});
