import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTlsCertificate } from '../../../src/io/executors/tls-certificate.js';
import { tlsCertificate } from '../../../src/kit/steps/tls-certificate.js';
import { tempDir } from '../../helpers/cli.js';
import { makeCertificate } from '../../helpers/tls.js';

/** Real TLS servers on loopback with certificates made by openssl; the gate connects as it would to nginx. */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(names: string[], days: number) {
  const { key, cert } = makeCertificate(tempDir(), names[0]!, { altNames: names.slice(1), days });
  const server = createServer({ key, cert }, (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { cert, connectTo: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } };
}

const NAMES = ['api.sticky.example.org', 'sticky.example.org', 's3.sticky.example.org'];
const run = tlsCertificate({ host: 'api.sticky.example.org', port: 443, names: NAMES, minDaysLeft: 14, renewal: 'renewed by certbot', troubleshoot: 'See the certbot logs.', deadlineSeconds: 0 });
const ctx = () => ({ signal: new AbortController().signal, onLine: () => undefined });

describe('the certificate gate', () => {
  it('reports the expiry date and the days left of a trusted certificate naming every host', async () => {
    const s = await serve(NAMES, 90);
    const out = await checkTlsCertificate(run, ctx(), { connectTo: s.connectTo, ca: s.cert });
    const date = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    expect(out).toEqual({ ok: true, detail: expect.stringMatching(new RegExp(`^certificate valid until (${date}|\\d{4}-\\d\\d-\\d\\d) \\d\\d:\\d\\d:\\d\\d .*\\(UTC.*\\), (89|90) days left; renewed by certbot$`)) });
  });

  it('fails when a name is missing (s3. added later, say), naming it', async () => {
    const s = await serve(NAMES.slice(0, 2), 90);
    const out = await checkTlsCertificate(run, ctx(), { connectTo: s.connectTo, ca: s.cert });
    expect(out).toEqual({ ok: false, error: expect.stringMatching(/does not name s3\.sticky\.example\.org \(it names DNS:api\.sticky\.example\.org, DNS:sticky\.example\.org\)/) });
  });

  it('fails when renewal has not happened: fewer days left than the minimum', async () => {
    const s = await serve(NAMES, 5);
    const out = await checkTlsCertificate(run, ctx(), { connectTo: s.connectTo, ca: s.cert });
    expect(out).toEqual({ ok: false, error: expect.stringMatching(/expires on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d .*\(UTC.*\), (4|5) days left: renewal is not working \(renewed by certbot\)\. See the certbot logs\.$/) });
  });

  it('fails on a certificate nobody trusts (the temporary self-signed one)', async () => {
    const s = await serve(NAMES, 1);
    const out = await checkTlsCertificate(run, ctx(), { connectTo: s.connectTo });
    expect(out).toEqual({ ok: false, error: expect.stringMatching(/^certificate of api\.sticky\.example\.org:443: DEPTH_ZERO_SELF_SIGNED_CERT: .*still a temporary self-signed certificate\?/) });
  });
});
