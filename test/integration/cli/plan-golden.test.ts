import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standInEnv } from '../../../scripts/examples.mjs';
import { STACKS } from '../../../src/stacks/index.js';
import { ROOT, runCli, tempDir } from '../../helpers/cli.js';
import { caseName } from '../../helpers/golden.js';

/** The same folder as the golden suite's: every file is new, and paths in the plan are stable. */
const DIR = '/nonexistent/fieldstation-golden/server';

describe('plan through the built CLI (templates compiled at build time)', () => {
  const examples = STACKS.flatMap((s) => s.about.examples.map((e) => [`${s.about.id}/${caseName(s.about.id, e)}`, join(ROOT, e)] as const));
  it.each(examples)('prints the golden plan of %s', (name, example) => {
    // A host root of the test's own: a file a real install left under the example's data folder does not count.
    const r = runCli(['plan', '--answers', example, '--dir', DIR], { env: { ...standInEnv(example), FIELDSTATION_TEST_HOST_ROOT: tempDir() } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'snapshots', name, 'plan.txt'), 'utf8'));
  });
});
