import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../src/stacks/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ids = STACKS.map((s) => [s.about.id, s] as const);

describe('README', () => {
  it.each(ids)('has the %s answers reference generated from the catalogue', async (id, entry) => {
    const block = new RegExp(`<!-- BEGIN questions:${id} -->\\n([\\s\\S]*?)<!-- END questions:${id} -->`).exec(readme);
    expect(block, `README needs a <!-- BEGIN questions:${id} --> block`).not.toBeNull();
    const r = await runInProcess(['questions', '--stack', id, '--markdown'], { cwd: tempDir(), stacks: [entry] });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(block![1]).toBe(r.stdout);
  });

  it.each(ids)('links every working example of %s', (_, entry) => {
    for (const example of entry.about.examples) expect(readme).toContain(`(${example})`);
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm ci && npx fieldstation');
    expect(readme).toContain('npm ci && npm test');
  });
});
