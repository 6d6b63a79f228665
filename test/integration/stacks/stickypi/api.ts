import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { makeCertificate } from '../../../helpers/tls.js';
import { startS3 } from './s3.js';

export const API_HOST = 'api.sticky.example.org';

/**
 * A real HTTPS server on 127.0.0.1 answering like the Sticky Pi API's /get_token, /get_users and
 * /put_users (as upstream's sticky-pi-api server/api/app.py answers them), with a certificate for
 * api.sticky.example.org. The admin password it accepts is read from the install's .secret.env, as the
 * real API reads it from its environment.
 */
export async function startStickypiApi(certDir: string, installDir: () => string) {
  // One certificate for every name the server's Let's Encrypt certificate covers (s3. for the local S3).
  const names = ['sticky.example.org', 'webapp.sticky.example.org', 'www.sticky.example.org', 's3.sticky.example.org'];
  const { key, cert, certPath } = makeCertificate(certDir, API_HOST, { altNames: names });
  const users: { username: string; can_write: number }[] = [];
  const requests: { path: string; user: string; ok: boolean }[] = [];
  const s3 = startS3(installDir);
  const server: Server = createServer({ key, cert }, (req, res) => {
    if (req.headers.host?.startsWith('s3.')) return s3.handle(req, res);
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      const [user, password] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      const admin = parseEnv(readFileSync(join(installDir(), '.secret.env'), 'utf8'))['API_ADMIN_PASSWORD'];
      const ok = user === 'admin' && password === admin;
      requests.push({ path: req.url ?? '', user: user ?? '', ok });
      const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method !== 'POST') return send(405, { error: 'POST only' });
      if (!ok) return send(401, { error: 'unauthorized' });
      if (req.url === '/get_token') return send(200, { token: 'test-token', expiration: 1_900_000_000 });
      if (req.url === '/get_users') return send(200, users);
      if (req.url === '/put_users') {
        const added = JSON.parse(body) as { username: string; can_write: number; password: string }[];
        if (added.some((u) => users.some((x) => x.username === u.username))) return send(500, { error: 'IntegrityError' });
        users.push(...added.map((u) => ({ username: u.username, can_write: u.can_write })));
        return send(200, users);
      }
      return send(404, { error: 'no such endpoint' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    certPath,
    users,
    requests,
    s3: s3.state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
