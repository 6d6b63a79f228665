import type { ExecuteContext, StepKind } from '../../core/steps/kind.js';
import type { Secret } from '../../core/secrets/secret.js';
import { describeJsonExpectation, type JsonExpectation } from './json-expectation.js';

export interface HttpCheck {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Printed as it is: a secret belongs in `query`, not here. */
  readonly url: string;
  /**
   * Query values that are secrets (an API key in `?key=`): added to the URL only when the request is sent,
   * and shown as masks wherever the URL is printed.
   */
  readonly query?: Readonly<Record<string, Secret>>;
  /** HTTP basic auth; the password is a secret and is never printed. */
  readonly basicAuth?: { readonly user: string; readonly password: Secret };
  /** S3's own auth (AWS Signature Version 4) with a key pair; neither key is ever printed. */
  readonly awsSigV4?: { readonly accessKey: Secret; readonly secretKey: Secret; readonly region: string };
  /** A plain-text body (sent as text/plain), e.g. a test object. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with Content-Type: application/json). May hold secrets: never printed. */
  readonly json?: unknown;
  /** What a healthy answer looks like, in words, and the JSON keys it must have. */
  readonly expect: {
    readonly status: number;
    readonly jsonKeys?: readonly string[];
    /** The answer must be a JSON list holding an object whose `key` is `value` (e.g. a user by name). */
    readonly listItem?: { readonly key: string; readonly value: string | number };
    /** The answer's body must be exactly this text (an object read back). */
    readonly bodyText?: string;
    /** A redirect's Location header must be exactly this (a server known by where it sends `/`). */
    readonly location?: string;
    /** Parts of the JSON answer judged one by one: a failure names each wrong part and its fix. */
    readonly json?: readonly JsonExpectation[];
    /**
     * Statuses that still fail, but whose JSON is judged by `json` too, to name what is wrong: a service
     * that answers 503 with the same report when a backend is down (Ichnaea's /__heartbeat__).
     */
    readonly diagnoseOn?: readonly number[];
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

/** The URL as the plan shows it: its secret query values as masks (a Secret prints as its mask). */
export function shownUrl(c: Pick<HttpCheck, 'url' | 'query'>): string {
  const entries = Object.entries(c.query ?? {});
  if (entries.length === 0) return c.url;
  const query = entries.map(([name, value]) => `${encodeURIComponent(name)}=${String(value)}`).join('&');
  return `${c.url}${c.url.includes('?') ? '&' : '?'}${query}`;
}

function describeCheck(c: HttpCheck): string[] {
  const headers = Object.entries(c.headers ?? {}).map(([name, value]) => ` with header ${name}: ${value}`).join('');
  const lines = [
    `check: ${c.method} ${shownUrl(c)}${c.basicAuth ? ` as ${c.basicAuth.user}` : ''}${c.awsSigV4 ? ' signed with the S3 key pair' : ''}${headers}${c.json !== undefined ? ' with a JSON body' : ''}${c.text !== undefined ? ' with a text body' : ''} until ${c.expect.status} with ${c.expect.description} (up to ${c.deadlineSeconds} s)`,
  ];
  const parts = c.expect.json ?? [];
  for (const e of parts) lines.push(`  ${describeJsonExpectation(e)}`);
  const diagnosed = parts.length > 0 ? (c.expect.diagnoseOn ?? []).filter((s) => s !== c.expect.status) : [];
  if (diagnosed.length > 0) lines.push(`  an answer of ${diagnosed.join(' or ')} still fails, but its JSON is judged the same way to name what is wrong`);
  return lines;
}

const load = () => import('../../io/effects.js');
const checker = async (ctx: ExecuteContext) => (await load()).createHttpCheck(ctx.settings.connectTo ? { connectTo: ctx.settings.connectTo } : {});

export const httpKind: StepKind<HttpRun> = {
  kind: 'http',
  describe: ({ check }) => describeCheck(check),
  async execute(run, ctx) {
    const cap = ctx.settings.httpDeadlineCapSeconds;
    const capped = cap === undefined || run.check.deadlineSeconds <= cap ? run : { ...run, check: { ...run.check, deadlineSeconds: cap } };
    return (await checker(ctx))(capped, ctx);
  },
  // A probe asks once: "not there yet" is an answer, not a failure to wait out.
  async probe(run, ctx) {
    return (await (await checker(ctx))({ kind: 'http', check: { ...run.check, deadlineSeconds: 0 } }, { ...ctx, onLine: () => undefined })).ok;
  },
  describeProbe: ({ check: c }) => `${c.method} ${shownUrl(c)} answers ${c.expect.description}`,
  gate: true,
};
