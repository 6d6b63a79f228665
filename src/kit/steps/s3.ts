import type { ExecuteContext, StepKind } from '../../core/steps/kind.js';
import type { Secret } from '../../core/secrets/secret.js';
import { http, type HttpRun } from './http.js';

/** An S3 endpoint and the key pair that may write to its bucket. */
export interface S3Target {
  /** https://host, no path: buckets are addressed by path, as Sticky Pi's API (boto3, custom endpoint) does. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKey: Secret;
  readonly secretKey: Secret;
  /** The region the signatures name: MinIO's default is us-east-1. */
  readonly region: string;
}

const signed = (t: S3Target) => ({ accessKey: t.accessKey, secretKey: t.secretKey, region: t.region });

/** Creates the bucket (PUT /bucket); pair it with `s3BucketExists` as the skip probe. */
export const s3CreateBucket = (t: S3Target, deadlineSeconds: number): HttpRun =>
  http({ method: 'PUT', url: `${t.endpoint}/${t.bucket}`, awsSigV4: signed(t), expect: { status: 200, description: `bucket ${t.bucket} created` }, deadlineSeconds });

/** The bucket is there and these keys may use it (HEAD /bucket). */
export const s3BucketExists = (t: S3Target): HttpRun =>
  http({ method: 'HEAD', url: `${t.endpoint}/${t.bucket}`, awsSigV4: signed(t), expect: { status: 200, description: `bucket ${t.bucket} exists` }, deadlineSeconds: 0 });

/**
 * The upload path works end to end: a small object is written, read back byte for byte and deleted, through
 * the same name, certificate, route and keys the API uses. A health gate.
 */
export interface S3RoundTripRun {
  readonly kind: 's3-round-trip';
  readonly target: S3Target;
  readonly deadlineSeconds: number;
}

export const s3RoundTrip = (target: S3Target, deadlineSeconds: number): S3RoundTripRun => ({ kind: 's3-round-trip', target, deadlineSeconds });

const load = () => import('../../io/effects.js');
const options = (ctx: ExecuteContext) => (ctx.settings.connectTo ? { connectTo: ctx.settings.connectTo } : {});

export const s3RoundTripKind: StepKind<S3RoundTripRun> = {
  kind: 's3-round-trip',
  describe: ({ target: t, deadlineSeconds }) => [
    `check: PUT, GET and DELETE a test object ${t.endpoint}/${t.bucket}/fieldstation-check/<random>.txt signed with the S3 key pair (up to ${deadlineSeconds} s)`,
  ],
  async execute(run, ctx) {
    return (await load()).s3RoundTrip(run, ctx, options(ctx));
  },
  gate: true,
};
