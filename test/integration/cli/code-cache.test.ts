import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standInEnv } from '../../../scripts/examples.mjs';
import { STACKS } from '../../../src/stacks/index.js';
import { childEnv, ROOT, tempDir } from '../../helpers/cli.js';

describe('the V8 code cache beside a command\'s bundle', () => {
  it('is made by the build, and a corrupt one is ignored, not trusted', () => {
    expect(existsSync(join(ROOT, 'dist', 'cmd-validate.v8cache'))).toBe(true);
    // A private copy of the built program, so the shared dist/ stays as it is.
    const copy = tempDir();
    for (const part of ['bin', 'dist', 'templates', 'examples', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    writeFileSync(join(copy, 'dist', 'cmd-validate.v8cache'), Buffer.from('not a code cache at all'));
    const example = join(copy, STACKS[0]!.about.examples[0]!);
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'fieldstation.js'), 'validate', '--answers', example], { env: childEnv(standInEnv(example)), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid answers/);
  });
});
