import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpCheck, type HttpCheckOptions } from '../../../src/io/executors/http-check.js';
import type { ExecutorContext as ExecuteContext, Outcome } from '../../../src/io/executors/types.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { HttpCheck } from '../../../src/kit/steps/http.js';
import { tempDir } from '../../helpers/cli.js';
import { makeCertificate } from '../../helpers/tls.js';

const PASSWORD = 'Adm1n-pa55word-never-shown';
const TOKEN = 'tok-e4f1c0ffee-never-shown';
const FAST: HttpCheckOptions = { minDelayMs: 20, maxDelayMs: 80, requestTimeoutMs: 2000 };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  })));
});

function listen(server: Server, port = 0): Promise<number> {
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A port on 127.0.0.1 that nothing listens on (yet): connections to it are refused. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The Sticky Pi health gate: POST /get_token with basic auth answers {token, expiration}. */
function tokenCheck(url: string, overrides: Partial<HttpCheck> = {}): { kind: 'http'; check: HttpCheck } {
  return {
    kind: 'http',
    check: {
      method: 'POST',
      url,
      basicAuth: { user: 'admin', password: new Secret('secrets.api_admin_password', PASSWORD) },
      expect: { status: 200, jsonKeys: ['token', 'expiration'], description: 'a token from /get_token' },
      deadlineSeconds: 5,
      ...overrides,
    },
  };
}

function context(signal: AbortSignal = new AbortController().signal): ExecuteContext & { lines: string[] } {
  const lines: string[] = [];
  return { signal, lines, onLine: (line) => lines.push(line) };
}

function errorOf(outcome: Outcome): string {
  expect(outcome.ok).toBe(false);
  const error = outcome.ok ? '' : outcome.error;
  expect(error).not.toContain('\n');
  return error;
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'));
}

describe('http check against a plain HTTP server', () => {
  it('retries through refused connections and 503s, then passes without showing the token', async () => {
    const port = await freePort();
    const ctx = context();
    let served = 0;
    const server = createServer((req, res) => {
      served += 1;
      if (served <= 2) return sendJson(res, 503, { error: 'starting' });
      sendJson(res, 200, { token: TOKEN, expiration: 1_900_000_000 });
    });
    let started: Promise<number> | undefined;
    // Start the server only after the check has met a refused connection twice.
    const onLine = (line: string): void => {
      ctx.lines.push(line);
      if (ctx.lines.length === 2) started = listen(server, port);
    };
    // The pause after attempt 2 lasts until the server listens, so attempt 3 finds it however slow the machine.
    const sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
      await started;
      await delay(ms, undefined, { signal });
    };
    const outcome = await createHttpCheck({ ...FAST, sleep })(tokenCheck(`http://127.0.0.1:${port}/get_token`), { ...ctx, onLine });
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200 with token, expiration after 5 attempt(s)' });
    expect(ctx.lines[0]).toMatch(/attempt 1 failed: connection refused by 127\.0\.0\.1:\d+; next try in/);
    expect(ctx.lines[1]).toMatch(/attempt 2 failed: connection refused/);
    expect(ctx.lines[2]).toMatch(/attempt 3 failed: HTTP 503 Service Unavailable \(expected 200\)/);
    expect(ctx.lines[3]).toMatch(/attempt 4 failed: HTTP 503/);
    expect(ctx.lines).toHaveLength(4);
    for (const line of ctx.lines) expectNoSecret(line);
    expectNoSecret(JSON.stringify(outcome));
  });

  it('keeps retrying JSON that lacks a key, and fails clearly at the deadline', async () => {
    const port = await listen(createServer((_req, res) => sendJson(res, 200, { token: TOKEN })));
    const ctx = context();
    const error = errorOf(await createHttpCheck(FAST)(tokenCheck(`http://127.0.0.1:${port}/get_token`, { deadlineSeconds: 0.5 }), ctx));
    expect(error).toContain(`POST http://127.0.0.1:${port}/get_token`);
    expect(error).toContain('a token from /get_token');
    expect(error).toContain('HTTP 200 OK but the JSON lacks expiration');
    expect(error).toMatch(/Fix: .*right container/);
    expect(ctx.lines.length).toBeGreaterThan(1);
    for (const line of ctx.lines) expect(line).toContain('the JSON lacks expiration');
    expectNoSecret(error);
    for (const line of ctx.lines) expectNoSecret(line);
  });

  it('says when the answer is not JSON at all, or not an object', async () => {
    const html = await listen(createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>default nginx page</html>');
    }));
    const list = await listen(createServer((_req, res) => sendJson(res, 200, [{ token: TOKEN }])));
    const check = createHttpCheck(FAST);
    expect(errorOf(await check(tokenCheck(`http://127.0.0.1:${html}/get_token`, { deadlineSeconds: 0.1 }), context()))).toContain('HTTP 200 OK but the answer is not JSON (text/html)');
    const listError = errorOf(await check(tokenCheck(`http://127.0.0.1:${list}/get_token`, { deadlineSeconds: 0.1 }), context()));
    expect(listError).toContain('the JSON is a list, not an object with token, expiration');
    expectNoSecret(listError);
  });

  it('fails clearly on 401 with wrong credentials, and never shows the password', async () => {
    const port = await listen(createServer((req, res) => {
      if (req.headers.authorization === basic('admin', 'the-right-one')) return sendJson(res, 200, { token: TOKEN, expiration: 1 });
      res.writeHead(401, { 'www-authenticate': 'Basic realm="api"' });
      res.end('Unauthorized Access');
    }));
    const ctx = context();
    const error = errorOf(await createHttpCheck(FAST)(tokenCheck(`http://127.0.0.1:${port}/get_token`, { deadlineSeconds: 0.2 }), ctx));
    expect(error).toContain('last: HTTP 401 Unauthorized (expected 200)');
    expect(error).toMatch(/Fix: the user name or password was refused/);
    expect(error).not.toContain('Unauthorized Access');
    expectNoSecret(error);
    expect(ctx.lines.length).toBeGreaterThan(0);
    for (const line of ctx.lines) expectNoSecret(line);
  });

  it('sends the JSON body (with its secrets revealed, on the wire only) and the basic auth intact', async () => {
    const seen: { method?: string; url?: string; type?: string; auth?: string; body?: string }[] = [];
    const port = await listen(createServer((req, res) => {
      void readBody(req).then((body) => {
        seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], auth: req.headers.authorization, body });
        const list: unknown = JSON.parse(body);
        if (req.headers.authorization !== basic('admin', PASSWORD) || !Array.isArray(list)) return sendJson(res, 400, { error: 'bad request' });
        sendJson(res, 200, list.map((u: { username: string }, i: number) => ({ id: i + 2, username: u.username, password_hash: '***********' })));
      });
    }));
    const userPassword = 'R3ad_0nly-user-secret';
    const users = [{ username: 'spi', password: new Secret('secrets.spi_password', userPassword), is_admin: 0, email: '', can_write: 0 }];
    const outcome = await createHttpCheck(FAST)(
      tokenCheck(`http://127.0.0.1:${port}/put_users?x=1`, { json: users, expect: { status: 200, description: 'the users created' } }),
      context(),
    );
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200 after 1 attempt(s)' });
    expect(seen).toEqual([{
      method: 'POST',
      url: '/put_users?x=1',
      type: 'application/json',
      auth: basic('admin', PASSWORD),
      body: JSON.stringify([{ username: 'spi', password: userPassword, is_admin: 0, email: '', can_write: 0 }]),
    }]);
  });

  it('sends a JSON null body when asked (the way to list all Sticky Pi users)', async () => {
    let body: string | undefined;
    const port = await listen(createServer((req, res) => {
      void readBody(req).then((b) => {
        body = b;
        sendJson(res, 200, []);
      });
    }));
    const outcome = await createHttpCheck(FAST)(tokenCheck(`http://127.0.0.1:${port}/get_users`, { json: null, expect: { status: 200, description: 'the user list' } }), context());
    expect(outcome.ok).toBe(true);
    expect(body).toBe('null');
  });

  it('connects to the connectTo address while the URL host stays in the Host header', async () => {
    let host: string | undefined;
    const port = await listen(createServer((req, res) => {
      host = req.headers.host;
      sendJson(res, 200, { token: TOKEN, expiration: 1 });
    }));
    const outcome = await createHttpCheck({ ...FAST, connectTo: { host: '127.0.0.1', port } })(tokenCheck('http://api.sticky.example.org/get_token'), context());
    expect(outcome.ok).toBe(true);
    expect(host).toBe('api.sticky.example.org');
  });

  it('gives each request its own timeout', async () => {
    const port = await listen(createServer(() => { /* never answers */ }));
    const ctx = context();
    const error = errorOf(await createHttpCheck({ ...FAST, requestTimeoutMs: 50 })(tokenCheck(`http://127.0.0.1:${port}/get_token`, { deadlineSeconds: 0.2 }), ctx));
    expect(error).toMatch(/last: no answer within 50 ms from 127\.0\.0\.1:\d+/);
    expect(ctx.lines[0]).toMatch(/attempt 1 failed: no answer within 50 ms/);
  });

  it('stops a long wait between attempts at once when aborted', async () => {
    const port = await freePort();
    const controller = new AbortController();
    const ctx = context(controller.signal);
    const onLine = (line: string): void => {
      ctx.lines.push(line);
      controller.abort();
    };
    // A ten-minute pause after the first failure: only the abort can end this test in time.
    const outcome = await createHttpCheck({ minDelayMs: 600_000 })(tokenCheck(`http://127.0.0.1:${port}/get_token`, { deadlineSeconds: 3600 }), { ...ctx, onLine });
    expect(outcome).toEqual({ ok: false, error: 'interrupted' });
    expect(ctx.lines).toHaveLength(1);
  });

  it('stops a request in flight when aborted', async () => {
    const controller = new AbortController();
    let closed: Promise<void> | undefined;
    const port = await listen(createServer((req) => {
      closed = new Promise((resolve) => req.socket.on('close', () => resolve()));
      controller.abort();
    }));
    const outcome = await createHttpCheck({ requestTimeoutMs: 600_000 })(tokenCheck(`http://127.0.0.1:${port}/get_token`, { deadlineSeconds: 3600 }), context(controller.signal));
    expect(outcome).toEqual({ ok: false, error: 'interrupted' });
    await closed; // the connection was really closed, not left hanging
  });

  it('returns interrupted without a request when already aborted', async () => {
    let requests = 0;
    const port = await listen(createServer((_req, res) => {
      requests += 1;
      sendJson(res, 200, { token: TOKEN, expiration: 1 });
    }));
    const outcome = await createHttpCheck(FAST)(tokenCheck(`http://127.0.0.1:${port}/get_token`), context(AbortSignal.abort()));
    expect(outcome).toEqual({ ok: false, error: 'interrupted' });
    expect(requests).toBe(0);
  });
});

describe('http check against an HTTPS server with a self-signed certificate', () => {
  const NAME = 'api.sticky.example.org';
  let right: { key: string; cert: string };
  let other: { key: string; cert: string };

  beforeAll(() => {
    const dir = tempDir('fieldstation-tls-');
    right = makeCertificate(dir, NAME);
    other = makeCertificate(dir, 'other.example.org');
  });

  async function tlsServer(pair: { key: string; cert: string }): Promise<{ port: number; hosts: (string | undefined)[]; sni: (string | false)[] }> {
    const hosts: (string | undefined)[] = [];
    const sni: (string | false)[] = [];
    const server = createHttpsServer({ key: pair.key, cert: pair.cert }, (req, res) => {
      hosts.push(req.headers.host);
      sendJson(res, 200, { token: TOKEN, expiration: 1_900_000_000 });
    });
    server.on('secureConnection', (socket) => sni.push((socket as unknown as { servername: string | false }).servername));
    const port = await listen(server);
    return { port, hosts, sni };
  }

  it('passes through connectTo with the name in SNI and Host, when the CA is trusted', async () => {
    const server = await tlsServer(right);
    const ctx = context();
    const outcome = await createHttpCheck({ ...FAST, connectTo: { host: '127.0.0.1', port: server.port }, ca: right.cert })(tokenCheck(`https://${NAME}/get_token`), ctx);
    expect(outcome).toEqual({ ok: true, detail: 'HTTP 200 with token, expiration after 1 attempt(s)' });
    expect(server.hosts).toEqual([NAME]);
    expect(server.sni).toEqual([NAME]);
    expect(ctx.lines).toEqual([]);
  });

  it('fails with a TLS verification error when the certificate is not trusted', async () => {
    const server = await tlsServer(right);
    const ctx = context();
    const error = errorOf(await createHttpCheck({ ...FAST, connectTo: { host: '127.0.0.1', port: server.port } })(tokenCheck(`https://${NAME}/get_token`, { deadlineSeconds: 0.1 }), ctx));
    expect(error).toContain('TLS error DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(error).toMatch(/self[- ]signed certificate/);
    expect(error).toContain(`Fix: the certificate for ${NAME} is not trusted`);
    expect(server.hosts).toEqual([]);
    expectNoSecret(error);
  });

  it('fails when the certificate names another host, even with its CA trusted', async () => {
    const server = await tlsServer(other);
    const error = errorOf(await createHttpCheck({ ...FAST, connectTo: { host: '127.0.0.1', port: server.port }, ca: other.cert })(tokenCheck(`https://${NAME}/get_token`, { deadlineSeconds: 0.1 }), context()));
    expect(error).toContain('TLS error ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error).toContain(NAME);
    expect(server.hosts).toEqual([]);
  });

  it('says so when the port speaks plain HTTP', async () => {
    const port = await listen(createServer((_req, res) => sendJson(res, 200, {})));
    const error = errorOf(await createHttpCheck({ ...FAST, connectTo: { host: '127.0.0.1', port }, ca: right.cert })(tokenCheck(`https://${NAME}/get_token`, { deadlineSeconds: 0.1 }), context()));
    expect(error).toMatch(/last: TLS error \w+: wrong version number \(is 127\.0\.0\.1:\d+ speaking plain HTTP, not HTTPS\?\)\. Fix: check that/);
  });
});
