import { randomBytes } from 'node:crypto';
import type { S3RoundTripRun } from '../../kit/steps/s3.js';
import { createHttpCheck, type HttpCheckOptions } from './http-check.js';
import type { ExecutorContext, Outcome } from './types.js';

/**
 * Writes a small object, reads it back and deletes it, each step an HTTP check of its own (same retries,
 * same error words). The first write waits out the deadline (the S3 server may still be starting); the
 * read and the delete must then answer at once. The object name is random, so runs never collide.
 */
export async function s3RoundTrip(run: S3RoundTripRun, ctx: ExecutorContext, options: HttpCheckOptions = {}): Promise<Outcome> {
  const t = run.target;
  const http = createHttpCheck(options);
  const auth = { accessKey: t.accessKey, secretKey: t.secretKey, region: t.region };
  const url = `${t.endpoint}/${t.bucket}/fieldstation-check/${randomBytes(8).toString('hex')}.txt`;
  const text = `fieldstation upload check, ${new Date().toISOString()}\n`;
  const put = await http({ kind: 'http', check: { method: 'PUT', url, awsSigV4: auth, text, expect: { status: 200, description: 'the test object stored' }, deadlineSeconds: run.deadlineSeconds } }, ctx);
  if (!put.ok) return { ok: false, error: `upload: ${put.error}` };
  const get = await http({ kind: 'http', check: { method: 'GET', url, awsSigV4: auth, expect: { status: 200, bodyText: text, description: 'the test object, byte for byte' }, deadlineSeconds: 5 } }, ctx);
  const del = await http({ kind: 'http', check: { method: 'DELETE', url, awsSigV4: auth, expect: { status: 204, description: 'the test object deleted' }, deadlineSeconds: 5 } }, ctx);
  if (!get.ok) return { ok: false, error: `read back: ${get.error}` };
  if (!del.ok) return { ok: false, error: `delete: ${del.error}` };
  return { ok: true, detail: `a test object was uploaded to ${t.endpoint}/${t.bucket}, read back and deleted` };
}
