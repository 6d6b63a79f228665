import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ENV, EXAMPLES, runCli, tempDir } from '../../helpers/cli.js';

const EXAMPLE = join(EXAMPLES, 'stickypi.yaml');

describe('fieldstation validate', () => {
  it('accepts the example when its secrets are in the environment', () => {
    const r = runCli(['validate', '--answers', EXAMPLE], { env: EXAMPLE_ENV });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid answers for Sticky Pi/);
  });

  it('names each unset environment variable and exits 2', () => {
    const r = runCli(['validate', '--answers', EXAMPLE], { env: { STICKY_S3_ACCESS_KEY: undefined, STICKY_S3_PRIVATE_KEY: undefined } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/s3\.access_key \(line \d+\): comes from the environment variable STICKY_S3_ACCESS_KEY, which is not set/);
    expect(r.stderr).toMatch(/s3\.private_key \(line \d+\)/);
  });

  it('lists every problem at once, in file order, with key, line and fix', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, [
      'version: 1',
      'stack: stickypi',
      'domain: https://sticky.example.org',
      'admin_email: admin',
      'volume_root: relative/path',
      's3:',
      '  mode: remote',
      '  bucket: UPPER',
      '  access_key: {env: MISSING_VAR_FOR_TEST}',
      '  private_key: Zq9xK',
      'secrets:',
      '  mysql_password: {file: does-not-exist}',
      'domian: typo.example.org',
      '',
    ].join('\n'));
    const r = runCli(['validate', '--answers', file]);
    expect(r.status).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => /^ {2}(error|warning)/.test(l));
    expect(lines.map((l) => l.replace(/^ {2}(error|warning) +/, '').replace(/:.*$/, ''))).toEqual([
      'domain (line 3)',
      'admin_email (line 4)',
      'volume_root (line 5)',
      's3.host (line 6)', // missing: the line of the group it belongs in
      's3.bucket (line 8)',
      's3.access_key (line 9)',
      's3.private_key (line 10)',
      's3.private_key (line 10)',
      'secrets.mysql_password (line 12)',
      'domian (line 13)',
    ]);
    expect(r.stderr).toContain('fix: Did you mean "domain"?');
    expect(r.stderr).toMatch(/9 problems in the answers; nothing was written/);
    // A literal secret is judged, never echoed.
    expect(r.stderr).toMatch(/s3\.private_key \(line 10\): has a value that is 5 characters long/);
    expect(r.stderr).not.toContain('Zq9xK');
  });

  it('gives machine-readable results with --json', () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'version: 1\nstack: stickypi\ndomain: a.example.org\n');
    const r = runCli(['validate', '--answers', file, '--json']);
    expect(r.status).toBe(2);
    const result = JSON.parse(r.stdout) as { valid: boolean; problems: { path: string; severity: string }[] };
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['admin_email', 's3.host', 's3.access_key', 's3.private_key']));
  });

  it('says when the file is missing or not YAML', () => {
    const missing = runCli(['validate', '--answers', '/nonexistent/answers.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('it does not exist');
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nstack: "stickypi\n');
    const broken = runCli(['validate', '--answers', join(dir, 'broken.yaml')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/not valid YAML/);
  });
});
