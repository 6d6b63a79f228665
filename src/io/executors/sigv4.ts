import { createHash, createHmac } from 'node:crypto';

/** An S3 key pair and the region its signatures name (MinIO's default is us-east-1). */
export interface SigV4Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 as AWS wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
const encode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * S3's canonical path is the path as it goes on the wire (already percent-encoded by URL), neither
 * normalised nor encoded twice: what botocore signs, and what S3 servers rebuild from the request.
 */
const canonicalPath = (url: URL): string => url.pathname || '/';

const canonicalQuery = (url: URL): string =>
  [...url.searchParams.entries()].map(([k, v]) => [encode(k), encode(v)] as const).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');

/**
 * AWS Signature Version 4 for one S3 request (header form): the headers to add, Authorization among them.
 * Signs host, x-amz-content-sha256 and x-amz-date, as the S3 clients do; checked against botocore, the
 * library Sticky Pi's API signs with.
 */
export function signV4(request: { method: string; url: URL; body: Buffer }, creds: SigV4Credentials, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(request.body);
  const headers: Record<string, string> = { host: request.url.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const canonical = [
    request.method,
    canonicalPath(request.url),
    canonicalQuery(request.url),
    ...names.map((n) => `${n}:${headers[n]!.trim()}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${creds.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretKey}`, day), creds.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return {
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
