import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../../src/stacks/index.js';
import { tempDir } from '../../../helpers/cli.js';
import { runInProcess } from '../../../helpers/in-process.js';

describe('Sticky Pi setup without a terminal', () => {
  it('names every answer without a default on the default path (remote S3), secrets with how to give them', async () => {
    const cwd = tempDir();
    const r = await runInProcess(['setup', '--stack', 'stickypi', '--dir', join(cwd, 'server')], { cwd, stacks: STACKS });
    expect(r.status).toBe(2);
    const listed = [...r.stderr.matchAll(/^ {2}([a-z_.0-9]+) {2,}/gm)].map((m) => m[1]);
    expect(listed).toEqual(['domain', 'admin_email', 's3.host', 's3.access_key', 's3.private_key']);
    expect(r.stderr).toMatch(/s3\.access_key +S3 access key\? \(a secret: \{env: NAME\} or \{file: PATH\}\)/);
    expect(r.stderr).toContain('start from examples/stickypi.yaml; every key: fieldstation questions --stack stickypi');
    expect(existsSync(join(cwd, 'server'))).toBe(false);
  });
});
