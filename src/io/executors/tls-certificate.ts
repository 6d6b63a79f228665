import { setTimeout as delay } from 'node:timers/promises';
import { checkServerIdentity, connect, rootCertificates, type PeerCertificate } from 'node:tls';
import type { TlsCertificateRun } from '../../kit/steps/tls-certificate.js';
import type { ExecutorContext, Outcome } from './types.js';
import { localTime } from '../local-time.js';

export interface TlsCertificateOptions {
  /** Like curl's --connect-to: connect here, keep the host name for SNI and the checks. */
  readonly connectTo?: { readonly host: string; readonly port: number };
  /** An extra trusted CA (tests); the system roots stay trusted. */
  readonly ca?: string;
  /** The clock (tests). */
  readonly now?: () => Date;
  readonly retryMs?: number;
}

const DAY = 24 * 3600 * 1000;

type Seen = { ok: true; cert: PeerCertificate } | { ok: false; reason: string };

function fetchCertificate(run: TlsCertificateRun, options: TlsCertificateOptions, signal: AbortSignal): Promise<Seen> {
  return new Promise((resolve) => {
    const socket = connect({
      host: options.connectTo?.host ?? run.host,
      port: options.connectTo?.port ?? run.port,
      servername: run.host,
      rejectUnauthorized: true,
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
      timeout: 10_000,
    });
    const done = (seen: Seen): void => {
      signal.removeEventListener('abort', stop);
      socket.destroy();
      resolve(seen);
    };
    const stop = (): void => done({ ok: false, reason: 'interrupted' });
    signal.addEventListener('abort', stop, { once: true });
    socket.once('secureConnect', () => done({ ok: true, cert: socket.getPeerCertificate() }));
    socket.once('timeout', () => done({ ok: false, reason: 'no TLS answer within 10 s' }));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const self = e.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || e.code === 'SELF_SIGNED_CERT_IN_CHAIN';
      done({ ok: false, reason: `${e.code ?? 'error'}: ${e.message.split('\n')[0]}${self ? ' (still a temporary self-signed certificate?)' : ''}` });
    });
  });
}

/** Names the certificate does not cover, by the same rule Node applies to the host it connects to. */
const uncovered = (cert: PeerCertificate, names: readonly string[]): string[] => names.filter((n) => checkServerIdentity(n, cert) !== undefined);

/** Connects (retrying until the deadline: nginx may be reloading) and judges the certificate it is shown. */
export async function checkTlsCertificate(run: TlsCertificateRun, ctx: ExecutorContext, options: TlsCertificateOptions = {}): Promise<Outcome> {
  const now = options.now ?? (() => new Date());
  const until = Date.now() + run.deadlineSeconds * 1000;
  let seen: Seen;
  for (;;) {
    seen = await fetchCertificate(run, options, ctx.signal);
    if (seen.ok || ctx.signal.aborted || Date.now() >= until) break;
    ctx.onLine(`${run.host}:${run.port}: ${seen.reason}; trying again`, 'info');
    await delay(options.retryMs ?? 2000, undefined, { signal: ctx.signal }).catch(() => undefined);
  }
  if (!seen.ok) return { ok: false, error: `certificate of ${run.host}:${run.port}: ${seen.reason}` };
  const missing = uncovered(seen.cert, run.names);
  if (missing.length) return { ok: false, error: `the certificate served at ${run.host} does not name ${missing.join(', ')} (it names ${seen.cert.subjectaltname ?? 'no alternative names'}); run apply again to request one that does` };
  const expires = new Date(seen.cert.valid_to);
  const days = Math.floor((expires.getTime() - now().getTime()) / DAY);
  // Read by people: in this machine's time, with its zone.
  const date = localTime(expires);
  if (days < run.minDaysLeft) {
    return { ok: false, error: `the certificate served at ${run.host} expires on ${date}, ${days} days left: renewal is not working (${run.renewal}). ${run.troubleshoot}` };
  }
  return { ok: true, detail: `certificate valid until ${date}, ${days} days left; ${run.renewal}` };
}
