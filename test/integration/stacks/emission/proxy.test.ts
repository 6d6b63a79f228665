import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpCheck } from '../../../../src/io/executors/http-check.js';
import { checkTlsCertificate } from '../../../../src/io/executors/tls-certificate.js';
import type { HttpRun } from '../../../../src/kit/steps/http.js';
import type { TlsCertificateRun } from '../../../../src/kit/steps/tls-certificate.js';
import { freePort } from '../../../helpers/services.js';
import { makeCertificate } from '../../../helpers/tls.js';
import { hasIpv6Loopback, startNginx, wrapSite } from '../../../helpers/nginx-site.js';
import { NATIVE_EXAMPLE, renderEmission, suiteDir, type Rendered } from './render.js';

/**
 * The native runtime's nginx site as a real proxy: the real nginx on loopback (only its `listen` ports
 * and, when 8080 is taken, the upstream port changed) in front of a stand-in for e-mission's cfc_webapp,
 * and the stack's own health steps run against it by the http executor.
 */
const HOST = 'openpath.example.org';

interface Seen { method: string; path: string; host: string | undefined; proto: string | string[] | undefined }

/**
 * What cfc_webapp answers, from the files fieldstation rendered: any path it has no route for is bottle's
 * 404, which its error404 turns into a 301 to paths.404_redirect (/ too: its index.html is not in the
 * image). POST /pipeline/get_complete_ts checks the JSON `user` token as auth.getUUID does, with the
 * rendered study config taken as published: with an `opcode` block a token needs 4 `_`-separated parts
 * (upstream raises AttributeError formatting its own error for fewer, which getUUID does not catch: 500)
 * and the subgroup `default`, then the secret auth wants it to start with a secret of secret_list.json.
 */
function fakeCfcWebapp(r: Rendered, seen: Seen[]): Server {
  const conf = r.json('conf/net/api/webserver.conf') as { server: { auth: string }; paths: Record<string, string> };
  const study = r.json(`deploy-configs/${String(r.input.answers['study.config'])}.nrel-op.json`) as { opcode?: { subgroups?: string[] } };
  const secrets = (r.json('conf/net/auth/secret_list.json') as { client_secret_list: string[] }).client_secret_list;
  expect(conf.server.auth).toBe('secret');
  return createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', host: req.headers.host, proto: req.headers['x-forwarded-proto'] });
      if (req.method !== 'POST' || req.url !== '/pipeline/get_complete_ts') {
        res.writeHead(301, { location: conf.paths['404_redirect'] }).end();
        return;
      }
      const token = String((JSON.parse(body) as { user?: unknown }).user);
      const parts = token.split('_');
      const status = study.opcode && parts.length <= 3 ? 500
        : study.opcode && !(study.opcode.subgroups ?? ['default']).includes(parts[2]!) ? 403
          : secrets.some((s) => token.startsWith(s)) ? 200 : 403;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"complete_ts": null}' : '{"error": "refused"}');
    });
  });
}

/** The site on loopback high ports; the upstream port only if the stand-in could not have 8080. */
function onLoopback(site: string, http: number, https: number, upstream: number): string {
  const v6 = hasIpv6Loopback();
  return site.split('\n').flatMap((line) => {
    const m = /^(\s*listen )(\[::\]:)?(80|443)\b(.*)$/u.exec(line);
    if (!m) return [line.replace('http://127.0.0.1:8080/', `http://127.0.0.1:${upstream}/`)];
    if (m[2] && !v6) return [];
    return [`${m[1]}${m[2] ? '[::1]:' : '127.0.0.1:'}${m[3] === '80' ? http : https}${m[4]}`];
  }).join('\n');
}

async function listen(server: Server): Promise<number> {
  const on = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return on(8080).catch(() => on(0));
}

describe('the native nginx site in front of the server', () => {
  const seen: Seen[] = [];
  let r: Rendered;
  let cert: string;
  let https: number;
  let server: Server;
  let nginx: { stop(): Promise<void> };
  const work = suiteDir('fieldstation-emission-proxy-');

  beforeAll(async () => {
    cert = makeCertificate(work, HOST).cert;
    r = await renderEmission(NATIVE_EXAMPLE, { 'tls.mode': 'own', 'tls.certificate': join(work, `${HOST}.crt`), 'tls.private_key': join(work, `${HOST}.key`), admin_email: undefined }, work);
    expect(r.input.answers['public_url']).toBe(`https://${HOST}/api/`);
    server = fakeCfcWebapp(r, seen);
    const upstream = await listen(server);
    https = await freePort();
    const site = onLoopback(readFileSync(r.real('/etc/nginx/conf.d/emission.conf'), 'utf8'), await freePort(), https, upstream);
    wrapSite(join(work, 'nginx'), site);
    nginx = await startNginx(join(work, 'nginx'), https);
  });
  afterAll(async () => {
    await nginx?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const get = (path: string, method = 'GET', body?: string) => new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: https, path, method, servername: HOST, ca: cert, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject).end(body);
  });

  it('hands https://127.0.0.1/api/ to the server as /, over its HTTPS', async () => {
    const before = seen.length;
    const res = await get('/api/');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://nlr.gov/openpath');
    expect(seen.slice(before)).toEqual([{ method: 'GET', path: '/', host: '127.0.0.1', proto: 'https' }]);
    await get('/api/pipeline/get_complete_ts', 'POST', '{"user": "x"}');
    expect(seen.at(-1)?.path).toBe('/pipeline/get_complete_ts');
  });

  const ctx = () => ({ signal: new AbortController().signal, onLine: () => undefined });
  const check = () => createHttpCheck({ connectTo: { host: '127.0.0.1', port: https }, ca: cert, minDelayMs: 50, maxDelayMs: 200 });
  const step = (id: string) => {
    const s = r.steps.find((x) => x.id === id);
    if (!s) throw new Error(`no ${id} step in ${r.steps.map((x) => x.id).join(', ')}`);
    return s.run;
  };

  it('passes the stack\'s own certificate-served, health and auth-refuses steps', async () => {
    const tls = await checkTlsCertificate(step('certificate-served') as TlsCertificateRun, ctx(), { connectTo: { host: '127.0.0.1', port: https }, ca: cert });
    expect(tls).toEqual({ ok: true, detail: expect.any(String) });
    for (const id of ['health', 'auth-refuses']) {
      const run = step(id) as HttpRun;
      expect(run.check.url.startsWith(`https://${HOST}/api/`), id).toBe(true);
      const outcome = await check()({ ...run, check: { ...run.check, deadlineSeconds: 2 } }, ctx());
      expect(outcome, id).toEqual({ ok: true, detail: expect.any(String) });
    }
  });

  it('fails auth-refuses when the server accepts the token (the step can tell)', async () => {
    const secret = (r.json('conf/net/auth/secret_list.json') as { client_secret_list: string[] }).client_secret_list[0]!;
    const run = step('auth-refuses') as HttpRun;
    const valid = `${secret}_${String(r.input.answers['study.config'])}_default_participant`;
    const outcome = await check()({ ...run, check: { ...run.check, json: { user: valid }, deadlineSeconds: 0 } }, ctx());
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(/HTTP 200/);
  });
});
