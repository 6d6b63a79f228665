import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_IDS } from '../src/stacks/index.js';
import { ROOT, runCli } from './helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it.each(STACK_IDS)('has the %s answers reference generated from the catalogue', (id) => {
    const block = new RegExp(`<!-- BEGIN questions:${id} -->\\n([\\s\\S]*?)<!-- END questions:${id} -->`).exec(readme);
    expect(block, `README needs a <!-- BEGIN questions:${id} --> block`).not.toBeNull();
    expect(block![1]).toBe(runCli(['questions', '--stack', id, '--markdown']).stdout);
  });

  it.each(STACK_IDS)('links the working example for %s', (id) => {
    expect(readme).toContain(`examples/${id}.yaml`);
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm ci && npx fieldstation');
    expect(readme).toContain('npm ci && npm test');
  });
});
