import { Buffer } from 'node:buffer';
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import type { HttpCheck, HttpRun } from '../../kit/steps/http.js';
import { isSecret } from '../../core/secrets/secret.js';
import type { Executor, Outcome } from './types.js';
import { describeError, hint, judge, MAX_BODY_BYTES, partLines, showUrl, type Attempt } from './http-verdict.js';
import { partNames } from './json-parts.js';
import { signV4 } from './sigv4.js';

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
    // Only the request carries them: every line shown is made from showUrl, which drops the query.
    for (const [name, value] of Object.entries(check.query ?? {})) url.searchParams.set(name, value.reveal());
    const shown = `${check.method} ${showUrl(url)}`;
    let body: Buffer | undefined;
    try {
      body = check.json !== undefined ? Buffer.from(JSON.stringify(revealSecrets(check.json)), 'utf8') : check.text !== undefined ? Buffer.from(check.text, 'utf8') : undefined;
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
        const parts = check.expect.json?.length ? `, as expected: ${partNames(check.expect.json)}` : '';
        return { ok: true, detail: `HTTP ${last.status}${keys}${parts} after ${attempts} attempt(s)` };
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
      // One line, then each failing part of the answer on a line of its own with its fix.
      error: [`${shown}: no healthy answer (${check.expect.description}) within ${seconds} (${attempts} attempt(s)); last: ${last.reason}. ${hint(last, url, target)}`, ...partLines(last)].join('\n'),
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
      headers['content-type'] = check.json !== undefined ? 'application/json' : 'text/plain; charset=utf-8';
      headers['content-length'] = body.length;
    } else if (check.method === 'POST' || check.method === 'PUT') {
      headers['content-length'] = 0;
    }
    if (check.awsSigV4) {
      const { accessKey, secretKey, region } = check.awsSigV4;
      Object.assign(headers, signV4({ method: check.method, url, body: body ?? Buffer.alloc(0) }, { accessKey: accessKey.reveal(), secretKey: secretKey.reveal(), region }, new Date()));
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
