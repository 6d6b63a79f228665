import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';

/**
 * The local S3 as MinIO answers the requests fieldstation sends (path-style buckets): PUT and HEAD of a
 * bucket, PUT, GET and DELETE of an object. Requests must be signed (AWS SigV4 header form) with the access
 * key in the install's .secret.env and carry the body's true sha256; the signature itself is checked
 * against botocore in the signer's own test.
 */
export function startS3(installDir: () => string) {
  const state = { buckets: new Set<string>(), objects: new Map<string, string>(), requests: [] as { method: string; path: string; status: number }[] };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (status: number, text = '') => {
        state.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
        res.writeHead(status, { 'content-type': 'application/xml' }).end(req.method === 'HEAD' ? undefined : text);
      };
      const accessKey = parseEnv(readFileSync(join(installDir(), '.secret.env'), 'utf8'))['S3_ACCESS_KEY'];
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKey}/`) || !/SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/.test(auth)) {
        return send(403, '<Error><Code>InvalidAccessKeyId</Code></Error>');
      }
      if (req.headers['x-amz-content-sha256'] !== createHash('sha256').update(body).digest('hex')) return send(400, '<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
      const [bucket = '', ...rest] = (req.url ?? '/').slice(1).split('/');
      const key = rest.join('/');
      if (!key) {
        if (req.method === 'HEAD') return send(state.buckets.has(bucket) ? 200 : 404);
        if (req.method === 'PUT') {
          if (state.buckets.has(bucket)) return send(409, '<Error><Code>BucketAlreadyOwnedByYou</Code></Error>');
          state.buckets.add(bucket);
          return send(200);
        }
        return send(405);
      }
      if (!state.buckets.has(bucket)) return send(404, '<Error><Code>NoSuchBucket</Code></Error>');
      const id = `${bucket}/${key}`;
      if (req.method === 'PUT') {
        state.objects.set(id, body.toString('utf8'));
        return send(200);
      }
      if (req.method === 'GET') return state.objects.has(id) ? send(200, state.objects.get(id)) : send(404, '<Error><Code>NoSuchKey</Code></Error>');
      if (req.method === 'DELETE') {
        state.objects.delete(id);
        return send(204);
      }
      return send(405);
    });
  };
  return { handle, state };
}
