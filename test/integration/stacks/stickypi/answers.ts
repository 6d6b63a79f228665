import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a Sticky Pi answers file into `dir` (secrets from the example's env vars) and returns its path.
 * The server's data folder is inside `dir` too: apply writes a file there, and tests stay in their folder.
 */
export function writeStickypiAnswers(dir: string, overrides: { domain?: string; extra?: string; localS3?: boolean } = {}): string {
  const path = join(dir, 'answers.yaml');
  writeFileSync(path, [
    'version: 1',
    'stack: stickypi',
    `domain: ${overrides.domain ?? 'sticky.example.org'}`,
    'admin_email: admin@example.org',
    `volume_root: ${join(dir, 'data')}`,
    's3:',
    ...(overrides.localS3
      ? ['  mode: local', '  bucket: sticky-pi-images']
      : ['  host: s3.example-provider.com', '  access_key: {env: STICKY_S3_ACCESS_KEY}', '  private_key: {env: STICKY_S3_PRIVATE_KEY}']),
    overrides.extra ?? '',
    '',
  ].join('\n'));
  return path;
}

/** The S3 keys the Sticky Pi example and these answers read from the environment. */
export const EXAMPLE_ENV = { STICKY_S3_ACCESS_KEY: 'AKIAEXAMPLEKEY123', STICKY_S3_PRIVATE_KEY: 'wJalrXUtnFEMIexamplesecret' };
