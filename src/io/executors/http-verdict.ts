import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { HttpCheck } from '../../kit/steps/http.js';
import { failingParts, failureLines, partNames, type PartFailure } from './json-parts.js';

// What one attempt of a health check found, in words for people, and what to do about it.

/** The largest answer read; a health answer is small, and more is not kept in memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Kind = 'refused' | 'dns' | 'timeout' | 'tls' | 'tls-protocol' | 'network' | 'status' | 'auth' | 'server' | 'redirect' | 'json' | 'parts';

export interface Attempt {
  readonly ok: boolean;
  readonly status?: number;
  /**
   * One short line for people; never a header value, a body's text or a secret. Of the parts the step
   * names, numbers, true, false and null may be said: they are a health report's facts, not secrets.
   */
  readonly reason: string;
  readonly kind?: Kind;
  readonly interrupted?: boolean;
  /** The parts of a JSON answer that are not as expected, each with its fix (kind 'parts'). */
  readonly parts?: readonly PartFailure[];
}

export function judge(check: HttpCheck, res: IncomingMessage, raw: Buffer, truncated: boolean, url: URL): Attempt {
  const status = res.statusCode ?? 0;
  const statusText = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (status !== check.expect.status) {
    const parts = check.expect.json ?? [];
    if (parts.length > 0 && check.expect.diagnoseOn?.includes(status)) return diagnose(check, status, statusText, raw, truncated);
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
  if (check.expect.location !== undefined) {
    // The header's value is the server's own text, not a secret; only whether it matches is said.
    return res.headers.location === check.expect.location
      ? { ok: true, status, reason: statusText }
      : { ok: false, status, kind: 'status', reason: `${statusText} but it redirects elsewhere than expected (${check.expect.description})` };
  }
  if (check.expect.bodyText !== undefined) {
    return !truncated && raw.toString('utf8') === check.expect.bodyText
      ? { ok: true, status, reason: statusText }
      : { ok: false, status, kind: 'status', reason: `${statusText} but the answer is not the text expected (${check.expect.description})` };
  }
  const keys = check.expect.jsonKeys ?? [];
  const item = check.expect.listItem;
  const parts = check.expect.json ?? [];
  if (keys.length === 0 && !item && parts.length === 0) return { ok: true, status, reason: statusText };
  if (truncated) return { ok: false, status, kind: 'json', reason: `${statusText} but the answer is larger than ${MAX_BODY_BYTES} bytes, not a small JSON object` };
  const parsed = parseJson(raw);
  if (parsed === NOT_JSON) {
    const type = res.headers['content-type'];
    return { ok: false, status, kind: 'json', reason: `${statusText} but the answer is not JSON${type ? ` (${type.split(';')[0]})` : ''}` };
  }
  if (item) {
    if (!Array.isArray(parsed)) return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON is not a list` };
    const found = parsed.some((o: unknown) => o !== null && typeof o === 'object' && (o as Record<string, unknown>)[item.key] === item.value);
    if (!found) return { ok: false, status, kind: 'json', reason: `${statusText} but the list has no ${item.key} ${JSON.stringify(item.value)}` };
  } else if (parsed === null || typeof parsed !== 'object' || (Array.isArray(parsed) && keys.length > 0)) {
    // A bare value is not the service's report: its parts would all be "missing", each with a fix that misleads.
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON is ${what}, not an object${keys.length > 0 ? ` with ${keys.join(', ')}` : ''}` };
  } else {
    const missing = keys.filter((key) => !Object.hasOwn(parsed, key));
    if (missing.length > 0) return { ok: false, status, kind: 'json', reason: `${statusText} but the JSON lacks ${missing.join(', ')}` };
  }
  const failures = failingParts(parsed, parts);
  if (failures.length > 0) return { ok: false, status, kind: 'parts', parts: failures, reason: `${statusText} but not as expected: ${partNames(failures.map((f) => f.expectation))}` };
  return { ok: true, status, reason: statusText };
}

/**
 * A status that fails whatever its body says, but whose JSON names what is wrong (a heartbeat's 503).
 * When the body cannot say, the status alone is the reason, as for any other failing status.
 */
function diagnose(check: HttpCheck, status: number, statusText: string, raw: Buffer, truncated: boolean): Attempt {
  const head = `${statusText} (expected ${check.expect.status})`;
  const parsed = truncated ? NOT_JSON : parseJson(raw);
  if (parsed === NOT_JSON || parsed === null || typeof parsed !== 'object') return { ok: false, status, kind: 'server', reason: `${head}, and its answer is not the JSON that names what is wrong` };
  const failures = failingParts(parsed, check.expect.json ?? []);
  if (failures.length === 0) return { ok: false, status, kind: 'server', reason: `${head}, though every part judged is as expected` };
  return { ok: false, status, kind: 'parts', parts: failures, reason: `${head}; not as expected: ${partNames(failures.map((f) => f.expectation))}` };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

/** The failing parts, one line each with its fix, under the step's error. */
export function partLines(last: Attempt): string[] {
  return failureLines(last.parts ?? []).map((line) => `  - ${line}`);
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

export function describeError(error: NodeJS.ErrnoException, target: string): Attempt {
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

export function hint(last: Attempt, url: URL, target: string): string {
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
    case 'parts':
      return 'Fix each part below:';
    case 'json':
      return `Fix: something answered that is not the expected service; check that ${url.hostname} is routed to the right container.`;
    default:
      return 'Fix: see the service\'s logs.';
  }
}

/** The URL as shown to people: no user info, no query (either may hold a secret). */
export function showUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
