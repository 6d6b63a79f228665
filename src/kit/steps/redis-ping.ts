import type { Secret } from '../../core/secrets/secret.js';
import type { StepKind } from '../../core/steps/kind.js';

export interface RedisPing {
  readonly host: string;
  readonly port: number;
  readonly password?: Secret;
}

/** Redis answers PING (after AUTH, when it has a password). */
export interface RedisPingRun {
  readonly kind: 'redis-ping';
  readonly redis: RedisPing;
}

export const redisPing = (redis: RedisPing): RedisPingRun => ({ kind: 'redis-ping', redis });

export const redisPingKind: StepKind<RedisPingRun> = {
  kind: 'redis-ping',
  describe: ({ redis }) => [`check: Redis PING at ${redis.host}:${redis.port}${redis.password ? ' with AUTH' : ''}`],
  async execute(run, ctx) {
    return (await import('../../io/executors/database.js')).redisPing(run, ctx);
  },
  async probe(run, ctx) {
    return (await (await import('../../io/executors/database.js')).redisPing(run, { ...ctx, onLine: () => undefined })).ok;
  },
  describeProbe: ({ redis }) => `Redis at ${redis.host}:${redis.port} answers PING`,
};
