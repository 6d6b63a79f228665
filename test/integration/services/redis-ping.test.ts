import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRedisPing, redisPing } from '../../../src/io/executors/redis-ping.js';
import type { ExecutorContext as ExecuteContext, Outcome } from '../../../src/io/executors/types.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import type { RedisPing } from '../../../src/kit/steps/redis-ping.js';
import { freePort, startRedis, startSilentServer, type RedisServer } from '../../helpers/services.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const ctx = (signal: AbortSignal = new AbortController().signal): ExecuteContext => ({ signal, onLine: () => undefined });
const ping = (target: RedisPing, signal?: AbortSignal): Promise<Outcome> => redisPing({ kind: 'redis-ping', redis: target }, ctx(signal));
const errorOf = (o: Outcome): string => (o.ok ? '' : o.error);

describe('redis-ping against a real redis-server', () => {
  test('the right password: PING answers PONG', async () => {
    expect(await ping({ host: redis.host, port: redis.port, password: redis.password })).toEqual({ ok: true, detail: `Redis at 127.0.0.1:${redis.port} answered PONG (authenticated)` });
  });

  test('a wrong password fails clearly (WRONGPASS) without showing either password', async () => {
    const wrong = new Secret('redis-password', `${redis.password.reveal()}-wrong`);
    const outcome = await ping({ host: redis.host, port: redis.port, password: wrong });
    expect(outcome).toEqual({ ok: false, error: `Redis at 127.0.0.1:${redis.port} rejected the password (WRONGPASS): the configured Redis password is wrong; set the one in Redis's requirepass` });
    expect(errorOf(outcome)).not.toContain(wrong.reveal());
    expect(errorOf(outcome)).not.toContain(redis.password.reveal());
  });

  test('a missing password fails clearly (NOAUTH)', async () => {
    expect(await ping({ host: redis.host, port: redis.port })).toEqual({ ok: false, error: `Redis at 127.0.0.1:${redis.port} requires a password and none was given (NOAUTH): set the Redis password` });
  });

  test('nothing listening: connection refused at once, not a reconnect loop or a timeout', async () => {
    const port = await freePort();
    // The message is the refusal, not "did not answer within": one attempt, no retries until the deadline.
    expect(await ping({ host: '127.0.0.1', port, password: redis.password })).toEqual({ ok: false, error: `nothing accepts connections on 127.0.0.1:${port}: is Redis running and listening there (check its port and bind address)?` });
  });

  test('a server that never answers times out with a clear message', async () => {
    const silent = await startSilentServer();
    try {
      const outcome = await createRedisPing({ timeoutMs: 300 })({ kind: 'redis-ping', redis: { host: silent.host, port: silent.port, password: redis.password } }, ctx());
      expect(outcome).toEqual({ ok: false, error: `Redis at 127.0.0.1:${silent.port} did not answer within 0.3 s: check the host and port, and that it is Redis listening there` });
      await silent.closedByClient;
    } finally {
      await silent.stop();
    }
  });

  test('an abort stops it: before the start, and while waiting for the server', async () => {
    const before = new AbortController();
    before.abort();
    expect(await ping({ host: redis.host, port: redis.port, password: redis.password }, before.signal)).toEqual({ ok: false, error: 'interrupted' });

    const silent = await startSilentServer();
    try {
      const during = new AbortController();
      void silent.accepted.then(() => during.abort());
      // The executor's own timeout (60 s) is far above this test's: only the abort can end it in time.
      const outcome = await createRedisPing({ timeoutMs: 60_000 })({ kind: 'redis-ping', redis: { host: silent.host, port: silent.port, password: redis.password } }, ctx(during.signal));
      expect(outcome).toEqual({ ok: false, error: 'interrupted' });
      await silent.closedByClient;
    } finally {
      await silent.stop();
    }
  }, 20_000);

  test('bad input is refused before connecting', async () => {
    expect(await ping({ host: redis.host, port: 0 })).toEqual({ ok: false, error: 'Redis port 0 is not a port number (1-65535)' });
  });
});
