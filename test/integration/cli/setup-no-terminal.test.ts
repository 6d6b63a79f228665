import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli.js';

describe('setup without a terminal', () => {
  it.each([[['setup']], [[]]])('asks nothing, names every answer without a default and how to give it (%j)', (args) => {
    const dir = join(tempDir(), 'server');
    const r = runCli([...args, ...(args.length ? ['--dir', dir] : [])], { cwd: tempDir() });
    expect(r.status).toBe(2);
    const listed = [...r.stderr.matchAll(/^ {2}([a-z_.0-9]+) {2,}/gm)].map((m) => m[1]);
    expect(listed).toEqual(['domain', 'admin_email', 's3.host', 's3.access_key', 's3.private_key']);
    expect(r.stderr).toMatch(/s3\.access_key +S3 access key\? \(a secret: \{env: NAME\} or \{file: PATH\}\)/);
    expect(r.stderr).toContain('examples/stickypi.yaml');
    expect(r.stderr).toMatch(/fieldstation apply --answers FILE --dir .* --yes/);
    expect(existsSync(dir)).toBe(false);
  });
});
