import type { ExecuteContext, StepKind } from '../../core/steps/kind.js';
import type { Secret } from '../../core/secrets/secret.js';

export interface HttpCheck {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** HTTP basic auth; the password is a secret and is never printed. */
  readonly basicAuth?: { readonly user: string; readonly password: Secret };
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with Content-Type: application/json). May hold secrets: never printed. */
  readonly json?: unknown;
  /** What a healthy answer looks like, in words, and the JSON keys it must have. */
  readonly expect: {
    readonly status: number;
    readonly jsonKeys?: readonly string[];
    /** The answer must be a JSON list holding an object whose `key` is `value` (e.g. a user by name). */
    readonly listItem?: { readonly key: string; readonly value: string | number };
    readonly description: string;
  };
  /** Keep trying until this many seconds have passed. */
  readonly deadlineSeconds: number;
}

/** An HTTP(S) request that must get the expected answer: a health gate, or an API call that does work. */
export interface HttpRun {
  readonly kind: 'http';
  readonly check: HttpCheck;
}

export const http = (check: HttpCheck): HttpRun => ({ kind: 'http', check });

const load = () => import('../../io/effects.js');
const checker = async (ctx: ExecuteContext) => (await load()).createHttpCheck(ctx.settings.connectTo ? { connectTo: ctx.settings.connectTo } : {});

export const httpKind: StepKind<HttpRun> = {
  kind: 'http',
  describe: ({ check: c }) => [
    `check: ${c.method} ${c.url}${c.basicAuth ? ` as ${c.basicAuth.user}` : ''}${c.json !== undefined ? ' with a JSON body' : ''} until ${c.expect.status} with ${c.expect.description} (up to ${c.deadlineSeconds} s)`,
  ],
  async execute(run, ctx) {
    return (await checker(ctx))(run, ctx);
  },
  // A probe asks once: "not there yet" is an answer, not a failure to wait out.
  async probe(run, ctx) {
    return (await (await checker(ctx))({ kind: 'http', check: { ...run.check, deadlineSeconds: 0 } }, { ...ctx, onLine: () => undefined })).ok;
  },
  describeProbe: ({ check: c }) => `${c.method} ${c.url} answers ${c.expect.description}`,
  gate: true,
};
