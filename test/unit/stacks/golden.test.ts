import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../../src/app/answers.js';
import { planInstall } from '../../../src/app/plan.js';
import type { StackEntry } from '../../../src/app/ports.js';
import { describePlan } from '../../../src/core/plan/describe.js';
import { hostFiles } from '../../../src/io/host-files.js';
import { STACKS } from '../../../src/stacks/index.js';
import { placeExampleHostFiles, standInEnv } from '../../../scripts/examples.mjs';
import { beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { FIXTURES, ROOT, tempDir } from '../../helpers/cli.js';
import { caseName, expectGolden, fillInstallFolder } from '../../helpers/golden.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/**
 * Golden files for every registered server (and Beacon, the tests' own): each of its examples and each
 * answers file in test/fixtures/<id>/, planned into a folder that does not exist, read through a host
 * root of the test's own, so what a real install left on this machine never changes a byte.
 */
const DIR = '/nonexistent/fieldstation-golden/server';
const ENTRIES: readonly StackEntry[] = [...STACKS, beaconEntry];

const cases = ENTRIES.flatMap((entry) => {
  const id = entry.about.id;
  const fixtures = join(FIXTURES, id);
  const files = [
    ...entry.about.examples.map((e) => join(ROOT, e)),
    ...(existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(fixtures, f)) : []),
  ];
  return files.map((path) => ({ id, name: caseName(id, path), path }));
});

async function planCase(c: (typeof cases)[number]) {
  const host = join(tempDir(), 'host');
  // The files examples point at (Ichnaea's GeoIP database), as the benchmark puts them.
  placeExampleHostFiles(ROOT, host);
  const deps = {
    stacks: ENTRIES,
    templatesRoot: join(ROOT, 'templates'),
    env: standInEnv(c.path),
    files: hostFiles(host),
    random: seededRandom(`golden:${c.id}:${c.name}`),
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  const answers = await loadAnswers(deps, { kind: 'file', path: c.path });
  await fillInstallFolder(answers.loaded.stack, join(host, DIR), answers.checked.answers);
  return planInstall(deps, answers, DIR);
}

describe('golden files of every server', () => {
  it('has at least one example per server', () => {
    for (const entry of STACKS) expect(entry.about.examples.length, entry.about.id).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.id}/${c.name}`, c] as const))('renders %s byte for byte', async (_, c) => {
    const planned = await planCase(c);
    // Files outside the install folder keep their absolute path under the case's folder.
    for (const f of planned.plan.files) expectGolden(`${c.id}/${c.name}/${f.path.replace(/^\//, '')}`, f.content);
    expectGolden(`${c.id}/${c.name}/plan.txt`, describePlan(planned.view, { diffs: true }));
  });

  it.each(cases.map((c) => [`${c.id}/${c.name}`, c] as const))('never shows a secret value in the printed plan of %s', async (_, c) => {
    const planned = await planCase(c);
    const text = describePlan(planned.view, { diffs: true });
    // Every line of a secret of several lines too (a list of codes is shown line by line in a diff).
    const values = Object.values(planned.input.secrets).flatMap((s) => [s.reveal(), ...s.reveal().split('\n')]);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(text).not.toContain(value);
    expect(text).toMatch(/\[masked:[a-z_.]+\]/);
  });
});
