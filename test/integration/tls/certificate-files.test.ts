/**
 * checkCertificateFiles against the real consumers of certificate files: what it accepts, a node TLS
 * server loads and a client completes a handshake with; what it refuses, the server refuses to load or
 * the client refuses to trust. Certificates are made with Debian's openssl (test/helpers/tls.ts).
 */
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCertificateFiles, type CertificateFiles } from '../../../src/kit/tls/certificate-files.js';
import { suiteDir } from '../../helpers/cli.js';
import { encryptedKey, issueCertificate, type IssuedCertificate } from '../../helpers/tls.js';

const HOST = 'e-mission.example.org';
const DAY = 24 * 3600_000;
const bytes = (text: string) => Buffer.from(text, 'utf8');

/**
 * A TLS server with this certificate and key, and a client that trusts `ca` connecting as `servername`:
 * 'ok' after a completed handshake, else the client's error code. Loading errors throw from createServer.
 */
async function handshake(server: { cert: string; key: string }, client: { ca: string; servername: string }): Promise<string> {
  const tls: Server = createServer({ cert: server.cert, key: server.key }, (socket) => socket.end());
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  const { port } = tls.address() as { port: number };
  try {
    return await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, ca: client.ca, servername: client.servername }, () => {
        socket.end();
        resolve('ok');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
  } finally {
    await new Promise<void>((resolve) => tls.close(() => resolve()));
  }
}

const check = (files: CertificateFiles, host: string | undefined = HOST) => checkCertificateFiles(files, { now: new Date(), host });
const pairOf = (c: IssuedCertificate, key = c.key): CertificateFiles => ({ certificate: bytes(c.cert), key: bytes(key) });

describe('checkCertificateFiles agrees with a real TLS server and client', () => {
  const folder = suiteDir('fieldstation-certs-');
  let dir = '';
  let good: IssuedCertificate;
  let other: IssuedCertificate;
  beforeAll(() => {
    dir = folder.path();
    good = issueCertificate(dir, HOST, { altNames: [`www.${HOST}`] });
    other = issueCertificate(dir, 'other.example.org');
  });

  it('a good pair: no problem; the server loads it and the handshake completes', async () => {
    expect(check(pairOf(good))).toEqual([]);
    expect(check(pairOf(good), `www.${HOST}`)).toEqual([]);
    expect(await handshake(good, { ca: good.cert, servername: HOST })).toBe('ok');
  });

  it('a key of another certificate: refused, as the server refuses to load the pair', () => {
    expect(check(pairOf(good, other.key))).toEqual([expect.objectContaining({ file: 'key', severity: 'error', message: 'is not the private key of the certificate: its public half differs from the certificate\'s' })]);
    expect(() => createServer({ cert: good.cert, key: other.key })).toThrow(/key values mismatch/);
  });

  it('an expired certificate: refused, as the client refuses it', async () => {
    const expired = issueCertificate(dir, HOST, { file: 'expired', notBefore: new Date(Date.now() - 100 * DAY), notAfter: new Date(Date.now() - DAY) });
    const problems = check(pairOf(expired));
    expect(problems).toEqual([expect.objectContaining({ file: 'certificate', severity: 'error', message: `expired on ${new Date(Date.now() - DAY).toISOString().slice(0, 10)}` })]);
    expect(await handshake(expired, { ca: expired.cert, servername: HOST })).toBe('CERT_HAS_EXPIRED');
  });

  it('a certificate not yet valid: refused, as the client refuses it', async () => {
    const early = issueCertificate(dir, HOST, { file: 'early', notBefore: new Date(Date.now() + 2 * DAY), notAfter: new Date(Date.now() + 90 * DAY) });
    expect(check(pairOf(early))).toEqual([expect.objectContaining({ file: 'certificate', severity: 'error', message: expect.stringMatching(/^is valid only from \d{4}-\d\d-\d\d$/) })]);
    expect(await handshake(early, { ca: early.cert, servername: HOST })).toBe('CERT_NOT_YET_VALID');
  });

  it('a certificate that expires within 14 days: a warning only, and it still works', async () => {
    const soon = issueCertificate(dir, HOST, { file: 'soon', notAfter: new Date(Date.now() + 5 * DAY + 3600_000) });
    expect(check(pairOf(soon))).toEqual([expect.objectContaining({ file: 'certificate', severity: 'warning', message: expect.stringMatching(/^expires on \d{4}-\d\d-\d\d, in 5 days$/) })]);
    expect(await handshake(soon, { ca: soon.cert, servername: HOST })).toBe('ok');
  });

  it('a certificate for other names: refused naming them, as the client refuses it', async () => {
    expect(check(pairOf(other))).toEqual([expect.objectContaining({ file: 'certificate', severity: 'error', message: `is not for ${HOST}: it names other.example.org` })]);
    expect(checkCertificateFiles(pairOf(other), { now: new Date() })).toEqual([]);
    expect(await handshake(other, { ca: other.cert, servername: HOST })).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('a key behind a passphrase: refused, as the server cannot load it without one', () => {
    const path = encryptedKey(good, 'correct horse');
    const key = readFileSync(path, 'utf8');
    expect(check(pairOf(good, key))).toEqual([expect.objectContaining({ file: 'key', severity: 'error', message: 'is protected by a passphrase, which nobody is there to type when the server starts unattended' })]);
    expect(() => createServer({ cert: good.cert, key })).toThrow();
  });

  it('a chain: accepted when it issued the certificate, refused when not, as the client decides', async () => {
    const root = issueCertificate(dir, 'Test Root', { file: 'root', ca: true });
    const intermediate = issueCertificate(dir, 'Test Intermediate', { file: 'intermediate', ca: true, issuer: root });
    const leaf = issueCertificate(dir, HOST, { file: 'leaf', issuer: intermediate });
    const stranger = issueCertificate(dir, 'Stranger Intermediate', { file: 'stranger', ca: true, issuer: issueCertificate(dir, 'Stranger Root', { file: 'stranger-root', ca: true }) });

    expect(check({ ...pairOf(leaf), chain: bytes(intermediate.cert) })).toEqual([]);
    expect(check(pairOf(leaf, leaf.key))).toEqual([]);
    expect(check({ certificate: bytes(leaf.cert + intermediate.cert), key: bytes(leaf.key) })).toEqual([]);
    expect(await handshake({ cert: leaf.cert + intermediate.cert, key: leaf.key }, { ca: root.cert, servername: HOST })).toBe('ok');

    expect(check({ ...pairOf(leaf), chain: bytes(stranger.cert) })).toEqual([expect.objectContaining({ file: 'chain', severity: 'error', message: 'has a certificate (CN=Stranger Intermediate) that did not issue the one before it (issued by CN=Test Intermediate)' })]);
    expect(check({ certificate: bytes(leaf.cert + stranger.cert), key: bytes(leaf.key) })).toEqual([expect.objectContaining({ file: 'certificate' })]);
    expect(await handshake({ cert: leaf.cert + stranger.cert, key: leaf.key }, { ca: root.cert, servername: HOST })).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a file that could not be read (left out) is not checked; the other still is', () => {
    expect(check({ certificate: undefined, key: bytes(good.key) })).toEqual([]);
    expect(check({ certificate: bytes(other.cert), key: undefined }).map((p) => p.file)).toEqual(['certificate']);
    expect(check({ certificate: undefined, key: bytes('junk') }).map((p) => p.message)).toEqual(['holds no private key in PEM form']);
  });

  it('unreadable or swapped files are named, and no message shows any of the key', () => {
    const garbage = check({ certificate: bytes('not a certificate'), key: bytes('not a key'), chain: bytes('') });
    expect(garbage.map((p) => [p.file, p.message])).toEqual([
      ['certificate', 'holds no certificate in PEM form'],
      ['key', 'holds no private key in PEM form'],
      ['chain', 'holds no certificate chain in PEM form'],
    ]);
    const swapped = check({ certificate: bytes(good.key), key: bytes(good.cert) });
    expect(swapped.map((p) => [p.file, p.message])).toEqual([
      ['certificate', 'holds a private key, not a certificate: are the paths of the certificate and the key swapped?'],
      ['key', 'holds a certificate, not a private key: are the paths of the certificate and the key swapped?'],
    ]);
    const cut = check({ certificate: bytes(good.cert), key: bytes(good.key.replace(/\n[A-Za-z0-9+/=]{64}\n/, '\nAAAA\n')) });
    expect(cut.map((p) => [p.file, p.message])).toEqual([['key', 'holds a private key that cannot be read: it is damaged, cut short or of a kind OpenSSL does not know']]);
    const keyLines = good.key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    const printed = JSON.stringify([...garbage, ...swapped, ...cut, ...check(pairOf(good, other.key))]);
    for (const line of keyLines) expect(printed).not.toContain(line.slice(0, 16));
  });
});
