import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../../src/stacks/index.js';
import { beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { runCli, tempDir } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

describe('setup without a terminal', () => {
  it.each([[['setup']], [[]]])('asks nothing and says what to do instead, writing nothing (%j)', (args) => {
    const dir = join(tempDir(), 'server');
    const r = runCli([...args, ...(args.length ? ['--dir', dir] : [])], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('there is no terminal to ask the questions, so nothing was asked or written');
    expect(r.stderr).toMatch(/fieldstation apply --answers FILE --dir .* --yes/);
    // With one server it is named with its first example; with several, the examples folder.
    expect(r.stderr).toContain(STACKS.length === 1 ? STACKS[0]!.about.examples[0]! : 'start from examples/');
    expect(existsSync(dir)).toBe(false);
  });

  it('names every answer of the server that has no default, and how to give it', async () => {
    const cwd = tempDir();
    const r = await runInProcess(['setup', '--stack', 'beacon', '--dir', join(cwd, 'server')], { cwd, stacks: [beaconEntry] });
    expect(r.status).toBe(2);
    const listed = [...r.stderr.matchAll(/^ {2}([a-z_.0-9]+) {2,}/gm)].map((m) => m[1]);
    // On the path of every default (local storage), only the site has no default.
    expect(listed).toEqual(['site.name', 'site.domain']);
    expect(r.stderr).toMatch(/site\.name +Name of the field site\? e\.g\. north-ridge/);
    expect(r.stderr).toContain('start from test/fixtures/stacks/beacon/answers.yaml; every key: fieldstation questions --stack beacon');
    expect(existsSync(join(cwd, 'server'))).toBe(false);
  });
});
