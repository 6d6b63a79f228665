import { createClient } from 'redis';
import { maskFor } from '../../core/secrets/secret.js';
import type { RedisPingRun } from '../../kit/steps/redis-ping.js';
import type { Executor, Outcome } from './types.js';

export interface RedisPingOptions {
  /** How long the whole check (connect, AUTH, PING) may take. Default 10000 ms. */
  readonly timeoutMs?: number;
}

interface SocketError {
  readonly code?: string;
  readonly message?: string;
  readonly errors?: readonly SocketError[];
  readonly name?: string;
}

/**
 * Connects to Redis (AUTH when a password is given), sends PING and expects PONG, then disconnects.
 * One attempt: node-redis's reconnection is off, so a dead server fails at once instead of retrying forever.
 */
export function createRedisPing(options: RedisPingOptions = {}): Executor<RedisPingRun> {
  const timeoutMs = Math.max(1, options.timeoutMs ?? 10_000);
  return async (run, ctx) => {
    const { host, port, password } = run.redis;
    if (!host) return { ok: false, error: 'the Redis host is empty: set the Redis host' };
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, error: `Redis port ${String(port)} is not a port number (1-65535)` };
    if (ctx.signal.aborted) return interrupted();
    const where = `${host}:${port}`;
    const secret = password?.reveal();
    const scrub = (text: string) => (password && secret ? text.split(secret).join(maskFor(password.id)) : text);

    // One signal for "stop now": the caller's abort or our deadline. It also goes to the TCP socket itself:
    // node-redis's destroy() does nothing to a socket that is still connecting, which then goes on to send
    // AUTH and wait forever; a socket created with the signal is destroyed at any stage.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    const stopSignal = AbortSignal.any([ctx.signal, deadline.signal]);
    const client = createClient({
      socket: { host, port, connectTimeout: timeoutMs, reconnectStrategy: false, signal: stopSignal },
      ...(secret !== undefined ? { password: secret } : {}),
      // No CLIENT SETINFO: one round trip less, and no noise in old servers' logs.
      disableClientInfo: true,
    });
    // node-redis emits 'error' as well as rejecting; without a listener Node would throw it.
    let lastError: unknown;
    client.on('error', (err: unknown) => {
      lastError = err;
    });
    const destroy = () => {
      try {
        client.destroy();
      } catch {
        // not open, or already closed
      }
    };
    let onStop: () => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      onStop = () => {
        destroy();
        reject(new Error('stopped'));
      };
      stopSignal.addEventListener('abort', onStop, { once: true });
    });
    stopped.catch(() => undefined);

    const work = (async () => {
      await client.connect();
      return client.ping();
    })();
    work.catch(() => undefined);
    try {
      const reply = await Promise.race([work, stopped]);
      if (reply !== 'PONG') return { ok: false, error: scrub(`the server at ${where} answered PING with ${JSON.stringify(String(reply)).slice(0, 80)} instead of PONG: is it Redis?`) };
      return { ok: true, detail: `Redis at ${where} answered PONG${password ? ' (authenticated)' : ''}` };
    } catch (err) {
      if (ctx.signal.aborted) return interrupted();
      if (deadline.signal.aborted) return { ok: false, error: `Redis at ${where} did not answer within ${Math.round(timeoutMs / 100) / 10} s: check the host and port, and that it is Redis listening there` };
      return { ok: false, error: scrub(describe((err ?? lastError) as SocketError, where, password !== undefined)) };
    } finally {
      clearTimeout(timer);
      stopSignal.removeEventListener('abort', onStop);
      if (client.isOpen) await client.close().catch(destroy);
    }
  };
}

export const redisPing: Executor<RedisPingRun> = createRedisPing();

const interrupted = (): Outcome => ({ ok: false, error: 'interrupted' });

function describe(err: SocketError, where: string, withPassword: boolean): string {
  const message = String(err?.message ?? err);
  const code = err?.code ?? err?.errors?.find((e) => e.code)?.code;
  if (/^WRONGPASS/.test(message) || /invalid password/i.test(message)) {
    return `Redis at ${where} rejected the password (WRONGPASS): the configured Redis password is wrong; set the one in Redis's requirepass`;
  }
  if (/^NOAUTH/.test(message)) {
    return `Redis at ${where} requires a password and none was given (NOAUTH): set the Redis password`;
  }
  if (/without any password configured/i.test(message)) {
    return `Redis at ${where} has no password set, but a password was given: set requirepass in Redis, or remove the password`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections on ${where}: is Redis running and listening there (check its port and bind address)?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the Redis host in ${where}: check the host name`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach ${where} (no route to host): check the host and the network`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the server at ${where} closed the connection${withPassword ? ' during AUTH' : ''}: is it Redis, and does it accept this client (protected-mode, maxclients)?`;
  }
  if (err?.name === 'ConnectionTimeoutError') return `Redis at ${where} did not accept the connection in time: check the host, the port and any firewall in between`;
  if (err?.name === 'SocketClosedUnexpectedlyError') return `the server at ${where} closed the connection: is it Redis, and does it accept this client (protected-mode, maxclients)?`;
  return `Redis at ${where}: ${message}${code ? ` (${code})` : ''}`;
}
