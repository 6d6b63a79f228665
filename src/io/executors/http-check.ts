import { Buffer } from 'node:buffer';
import { lookup as dnsLookup } from 'node:dns';
import { STATUS_CODES, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import type { HttpCheck, HttpRun } from '../../kit/steps/http.js';
import { isSecret } from '../../core/secrets/secret.js';
import type { Executor, Outcome } from './types.js';

export interface HttpCheckOptions {
  /**
   * Like curl's --connect-to: the TCP connection goes to this host and port, while the URL's host name
   * stays in the Host header, the TLS SNI and the certificate check. Tests this machine before DNS points at it.
   */
  readonly connectTo?: { readonly host: string; readonly port: number };
  /** An extra trusted CA (PEM). TLS is always verified; this only adds to the trusted roots. */
  readonly ca?: string | Buffer;
  /** First wait between attempts (doubles each time). Default 1000 ms. */
  readonly minDelayMs?: number;
  /** Longest wait between attempts. Default 10000 ms. */
  readonly maxDelayMs?: number;
  /** Longest time one request may take (also capped by the time left). Default 15000 ms. */
  readonly requestTimeoutMs?: number;
  /** Waits between attempts; rejects (or resolves early) when the signal aborts. Default: a real timer. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The largest answer read; a health answer is small, and more is not kept in memory. */
const MAX_BODY_BYTES = 1024 * 1024;

type Kind = 'refused' | 'dns' | 'timeout' | 'tls' | 'tls-protocol' | 'network' | 'status' | 'auth' | 'server' | 'redirect' | 'json';

interface Attempt {
  readonly ok: boolean;
  readonly status?: number;
  /** One short line for people; never a header value, a body value or a secret. */
  readonly reason: string;
  readonly kind?: Kind;
  readonly interrupted?: boolean;
}

export function createHttpCheck(options: HttpCheckOptions = {}): Executor<HttpRun> {
  const minDelayMs = Math.max(0, options.minDelayMs ?? 1000);
  const maxDelayMs = Math.max(minDelayMs, options.maxDelayMs ?? 10_000);
  const requestTimeoutMs = Math.max(1, options.requestTimeoutMs ?? 15_000);
  const sleep = options.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));

  return async (run, ctx) => {
    const check = run.check;
    let url: URL;
    try {
      url = new URL(check.url);
    } catch {
      return { ok: false, error: "health check: the step's url is not a valid URL (not shown: it may hold a secret); fix the step's url" };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, error: `health check: ${url.protocol} URLs are not supported (use http:// or https://)` };
    }
    const shown = `${check.method} ${showUrl(url)}`;
    let body: Buffer | undefined;
    try {
      body = check.json === undefined ? undefined : Buffer.from(JSON.stringify(revealSecrets(check.json)), 'utf8');
    } catch {
      return { ok: false, error: `${shown}: the JSON body cannot be serialised; fix the step's json` };
    }
    const target = options.connectTo ? `${options.connectTo.host}:${options.connectTo.port}` : `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;

    const start = performance.now();
    const deadline = start + Math.max(0, check.deadlineSeconds) * 1000;
    let wait = minDelayMs;
    let attempts = 0;
    let last: Attempt | undefined;
    for (;;) {
      if (ctx.signal.aborted) return interrupted();
      attempts += 1;
      const remaining = deadline - performance.now();
      // The last attempt may start right at the deadline: give it a short time of its own.
      const timeoutMs = Math.min(requestTimeoutMs, Math.max(remaining, Math.min(1000, requestTimeoutMs)));
      last = await attempt(check, url, body, target, timeoutMs, options, ctx.signal);
      if (last.interrupted) return interrupted();
      if (last.ok) {
        const keys = check.expect.jsonKeys?.length ? ` with ${check.expect.jsonKeys.join(', ')}` : '';
        return { ok: true, detail: `HTTP ${last.status}${keys} after ${attempts} attempt(s)` };
      }
      const left = deadline - performance.now();
      if (left <= 0) {
        ctx.onLine(`${shown}: attempt ${attempts} failed: ${last.reason}`, 'info');
        break;
      }
      const pause = Math.min(wait, left);
      ctx.onLine(`${shown}: attempt ${attempts} failed: ${last.reason}; next try in ${formatSeconds(pause)}`, 'info');
      try {
        await sleep(pause, ctx.signal);
      } catch {
        return interrupted();
      }
      if (ctx.signal.aborted) return interrupted();
      wait = Math.min(maxDelayMs, wait * 2);
    }

    const seconds = formatSeconds(Math.max(0, check.deadlineSeconds) * 1000);
    return {
      ok: false,
      error: `${shown}: no healthy answer (${check.expect.description}) within ${seconds} (${attempts} attempt(s)); last: ${last.reason}. ${hint(last, url, target)}`,
    };
  };
}

function interrupted(): Outcome {
  return { ok: false, error: 'interrupted' };
}

function attempt(check: HttpCheck, url: URL, body: Buffer | undefined, target: string, timeoutMs: number, options: HttpCheckOptions, signal: AbortSignal): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    let timedOut = false;
    const finish = (result: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(check.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['host'] = url.host;
    headers['accept'] ??= 'application/json';
    if (check.basicAuth) {
      headers['authorization'] = `Basic ${Buffer.from(`${check.basicAuth.user}:${check.basicAuth.password.reveal()}`, 'utf8').toString('base64')}`;
    }
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = body.length;
    } else if (check.method === 'POST') {
      headers['content-length'] = 0;
    }

    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const https = url.protocol === 'https:';
    const port = options.connectTo?.port ?? (url.port ? Number(url.port) : https ? 443 : 80);
    const connectHost = options.connectTo?.host;
    // Only the address changes: the host name keeps its role in Host, SNI and the certificate check.
    const lookup: LookupFunction | undefined = connectHost === undefined ? undefined : ((_name, lookupOptions, callback) => dnsLookup(connectHost, lookupOptions, callback)) as LookupFunction;
    const common = {
      method: check.method,
      hostname,
      port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: false as const,
      ...(lookup ? { lookup } : {}),
    };
    const req = https
      ? httpsRequest({ ...common, ...(isIP(hostname) === 0 ? { servername: hostname } : {}), ...(options.ca !== undefined ? { ca: withSystemRoots(options.ca) } : {}), rejectUnauthorized: true })
      : httpRequest(common);

    const onAbort = (): void => {
      req.destroy();
      finish({ ok: false, reason: 'interrupted', interrupted: true });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();

    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) return finish({ ok: false, reason: 'interrupted', interrupted: true });
      if (timedOut) return finish({ ok: false, kind: 'timeout', reason: `no answer within ${formatSeconds(timeoutMs)} from ${target}` });
      finish(describeError(error, target));
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      const broken = (): void => {
        if (signal.aborted) return finish({ ok: false, reason: 'interrupted', interrupted: true });
        if (timedOut) return finish({ ok: false, kind: 'timeout', reason: `the answer did not complete within ${formatSeconds(timeoutMs)}` });
        finish({ ok: false, kind: 'network', reason: `HTTP ${res.statusCode ?? '?'} but the connection broke while reading the answer` });
      };
      res.on('error', broken);
      // 'end' comes before 'close' for a complete answer; a close without it is a broken one.
      res.on('close', () => {
        if (!res.complete) broken();
      });
      res.on('end', () => {
        finish(judge(check, res, Buffer.concat(chunks), size > MAX_BODY_BYTES, url));
      });
    });
    req.end(body);
  });
}

/** Node replaces its bundled roots when `ca` is given: keep them, and add the extra CA. */
function withSystemRoots(ca: string | Buffer): (string | Buffer)[] {
  return [...rootCertificates, ca];
}

function judge(check: HttpCheck, res: IncomingMessage, raw: Buffer, truncated: boolean, url: URL): Attempt {
  const status = res.statusCode ?? 0;
  const statusText = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (status !== check.expect.status) {
    if (status === 401 || status === 403) return { ok: false, status, kind: 'auth', reason: `${statusText} (expected ${check.expect.status})` };
    if (status >= 300 && status < 400) {
      const location = res.headers.location;
      let where = '';
      if (location) {
        try {
          where = ` to ${showUrl(new URL(location, url))}`;
        } catch {
          where = '';
        }
      }
      return { ok: false, status, kind: 'redirect', reason: `${statusText} redirect${where} (expected ${check.expect.status}; redirects are not followed)` };
    }
    if (status >= 500) return { ok: false, status, kind: 'server', reason: `${statusText} (expected ${check.expect.status})` };
    return { ok: false, status, kind: 'status', reason: `${statusText} (expected ${check.expect.status})` };
  }
  const keys = check.expect.jsonKeys ?? [];
  const item = check.expect.listItem;
  if (keys.length === 0 && !item) return { ok: true, status, reason: statusText };
  if (truncated) return { ok: false, status, kind: 'json', reason: `${statusText} but the answer is larger than ${MAX_BODY_BYTES} bytes, not a small JSON object` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    const type = res.headers['content-type'];
    return { ok: false, status, kind: 'json', reason: `${statusText} but the answer is not JSON${type ? ` (${type.split(';')[0]})` : ''}` };
  }
  if (item) {
    if (!Array.isArray(parsed)) return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON is not a list` };
    const found = parsed.some((o: unknown) => o !== null && typeof o === 'object' && (o as Record<string, unknown>)[item.key] === item.value);
    return found ? { ok: true, status, reason: statusText } : { ok: false, status, kind: 'json', reason: `${statusText} but the list has no ${item.key} ${JSON.stringify(item.value)}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON is ${what}, not an object with ${keys.join(', ')}` };
  }
  const missing = keys.filter((key) => !Object.hasOwn(parsed, key));
  if (missing.length > 0) return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON lacks ${missing.join(', ')}` };
  return { ok: true, status, reason: statusText };
}

const TLS_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
]);

function describeError(error: NodeJS.ErrnoException, target: string): Attempt {
  const code = error.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return { ok: false, kind: 'refused', reason: `connection refused by ${target}` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { ok: false, kind: 'dns', reason: `host name not found (${code}) for ${target}` };
    case 'ETIMEDOUT':
      return { ok: false, kind: 'timeout', reason: `connection to ${target} timed out` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { ok: false, kind: 'network', reason: `connection reset by ${target} (${code})` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { ok: false, kind: 'network', reason: `${target} is unreachable (${code})` };
  }
  const message = oneLine(error.message);
  if (TLS_CODES.has(code)) return { ok: false, kind: 'tls', reason: `TLS error ${code}: ${message}` };
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /certificate|ssl|tls/i.test(error.message)) {
    const plain = /wrong version number|packet length too long|http request/i.test(error.message) ? ` (is ${target} speaking plain HTTP, not HTTPS?)` : '';
    return { ok: false, kind: 'tls-protocol', reason: `TLS error ${code || 'unknown'}: ${message}${plain}` };
  }
  if (code.startsWith('HPE_')) return { ok: false, kind: 'network', reason: `the answer from ${target} is not valid HTTP (${code})` };
  return { ok: false, kind: 'network', reason: `${code ? `${code}: ` : ''}${message}` };
}

/** An error message on one short line; OpenSSL's "…:error:0A00010B:SSL routines:fn:reason:file:line:" gives its reason. */
function oneLine(message: string): string {
  const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:\n]+)/.exec(message);
  const text = openssl?.[1] ?? message.split('\n')[0] ?? '';
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

function hint(last: Attempt, url: URL, target: string): string {
  switch (last.kind) {
    case 'refused':
      return `Fix: make sure the service (or its reverse proxy) is running and listening on ${target}; see its container's logs.`;
    case 'dns':
      return `Fix: check the DNS record for ${url.hostname}, or test this machine directly (connect to 127.0.0.1).`;
    case 'timeout':
      return `Fix: check that ${target} is reachable (a firewall may drop it) and that the service is not stuck; see its logs.`;
    case 'tls':
      return `Fix: the certificate for ${url.hostname} is not trusted or does not name it; check that the certificate was issued for ${url.hostname} (e.g. the Let's Encrypt logs) and that the chain is complete.`;
    case 'tls-protocol':
      return `Fix: check that ${target} serves HTTPS for ${url.hostname} (the reverse proxy's TLS setup), or use an http:// URL for a plain HTTP port.`;
    case 'auth':
      return 'Fix: the user name or password was refused; check the admin user and password the service was started with (a changed password needs the service restarted).';
    case 'redirect':
      return 'Fix: point the check at the final URL (for example https:// rather than http://).';
    case 'server':
      return 'Fix: the reverse proxy answers but the application behind it does not, or fails; see the application container\'s logs.';
    case 'json':
      return `Fix: something answered that is not the expected service; check that ${url.hostname} is routed to the right container.`;
    default:
      return 'Fix: see the service\'s logs.';
  }
}

/** The URL as shown to people: no user info, no query (either may hold a secret). */
function showUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function formatSeconds(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${Math.round(ms)} ms`;
}

/** JSON.stringify would write a Secret's mask: give the body its real values, only for the wire. */
function revealSecrets(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealSecrets(inner)]));
  }
  return value;
}
