import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signV4 } from '../../../src/io/executors/sigv4.js';
import { FIXTURES } from '../../helpers/cli.js';

/**
 * fieldstation signs S3 requests itself (bucket, upload check). botocore, which Sticky Pi's API and most S3
 * tools sign with and which S3 servers agree with, signs the same requests at the same time: every
 * signature must be the same, character for character (Debian's python3-botocore).
 */
const CASES = [
  { method: 'PUT', url: 'https://s3.sticky.example.org/sticky-pi-images', body: '' },
  { method: 'HEAD', url: 'https://s3.sticky.example.org/sticky-pi-images', body: '' },
  { method: 'PUT', url: 'https://s3.sticky.example.org/sticky-pi-images/fieldstation-check/0a1b2c3d.txt', body: 'fieldstation upload check\n' },
  { method: 'GET', url: 'https://s3.sticky.example.org/sticky-pi-images/fieldstation-check/0a1b2c3d.txt', body: '' },
  { method: 'DELETE', url: 'https://s3.sticky.example.org/sticky-pi-images/fieldstation-check/0a1b2c3d.txt', body: '' },
  { method: 'PUT', url: 'https://s3.example.org:9443/b/raw%20images/dev%C3%AFce!(1)*~.jpg', body: 'ünïcode body' },
  { method: 'GET', url: 'https://s3.example.org/b?list-type=2&prefix=raw%20images%2F&delimiter=%2F', body: '' },
].map((c) => ({ ...c, accessKey: 'AKIAEXAMPLEKEY123', secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', amzDate: '20261129T093000Z' }));

describe('SigV4 signatures', () => {
  it('are the ones botocore makes for the same requests', () => {
    const r = spawnSync('python3', [join(FIXTURES, 'botocore', 'sign.py')], { input: JSON.stringify(CASES), encoding: 'utf8' });
    if (r.error || (r.status !== 0 && /No module named 'botocore'/.test(r.stderr))) {
      throw new Error(`python3 with botocore is needed (apt-get install python3-botocore): ${r.error?.message ?? r.stderr}`);
    }
    expect(r.status, r.stderr).toBe(0);
    const expected = JSON.parse(r.stdout) as { signature: string; signedHeaders: string }[];
    const ours = CASES.map((c) => {
      const headers = signV4({ method: c.method, url: new URL(c.url), body: Buffer.from(c.body, 'utf8') }, c, new Date('2026-11-29T09:30:00.123Z'));
      const m = /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(headers['authorization']!)!;
      expect(headers['x-amz-date']).toBe('20261129T093000Z');
      expect(headers['authorization']).toContain('Credential=AKIAEXAMPLEKEY123/20261129/us-east-1/s3/aws4_request');
      return { signature: m[2], signedHeaders: m[1] };
    });
    expect(ours).toEqual(expected);
  });
});
