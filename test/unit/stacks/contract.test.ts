import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackEntry } from '../../../src/app/ports.js';
import { stepsAndChecks } from '../../../src/app/plan.js';
import { hostFiles } from '../../../src/io/host-files.js';
import { loadStack } from '../../../src/app/stacks.js';
import { generateSpecOf } from '../../../src/core/questions/types.js';
import { ALPHABETS } from '../../../src/core/secrets/generate.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { secretFiles } from '../../../src/core/secrets/stored.js';
import { filePath } from '../../../src/core/stack.js';
import { STACKS } from '../../../src/stacks/index.js';
import { CATALOG } from '../../../src/stacks/catalog.js';
import { beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { ROOT } from '../../helpers/cli.js';

/** What every server must hold to be usable by every command: checked for each registered one, and Beacon. */
const ENTRIES: readonly StackEntry[] = [...STACKS, beaconEntry];
const deps = { stacks: ENTRIES, templatesRoot: join(ROOT, 'templates') };

describe.each(ENTRIES.map((e) => [e.about.id, e] as const))('the server %s', (id, entry) => {
  it('says what it is, with working examples', async () => {
    const { stack } = await loadStack(deps, id);
    expect([stack.id, stack.title, stack.tagline, stack.summary].every((t) => t.length > 0)).toBe(true);
    expect(stack.examples.length).toBeGreaterThan(0);
    for (const example of stack.examples) expect(existsSync(join(ROOT, example)), example).toBe(true);
    expect({ ...entry.about }).toEqual({ id: stack.id, title: stack.title, tagline: stack.tagline, summary: stack.summary, examples: stack.examples, ...(stack.operations ? { operations: stack.operations } : {}) });
    // Each operation told in the catalogue has its steps in the stack, and no other.
    expect(Object.keys(stack.operationSteps ?? {}).sort()).toEqual((stack.operations ?? []).map((o) => o.name).sort());
  });

  it('has one question per key, and every secret is stored where a format can read it back', async () => {
    const { stack } = await loadStack(deps, id);
    const ids = stack.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const file of secretFiles(stack)) {
      const spec = stack.files.find((f) => f.path === file);
      expect(spec, `${file} is one of its files`).toBeDefined();
      expect(spec!.format.reader, `${file}'s format reads values back`).toBeDefined();
      expect(spec!.secret, `${file} holds secrets: written 0600`).toBe(true);
    }
  });

  it('names each answer for the review in a short label, one of its own', async () => {
    const { stack } = await loadStack(deps, id);
    for (const q of stack.questions) expect(q.label?.length ?? 99, q.id).toBeLessThanOrEqual(24);
    expect(new Set(stack.questions.map((q) => q.label)).size).toBe(stack.questions.length);
  });

  it('generates each secret from an alphabet that none of its forbidden characters are in', async () => {
    const { stack } = await loadStack(deps, id);
    const examples = Object.fromEntries(stack.questions.flatMap((q) => (q.kind === 'secret' || q.example === undefined ? [] : [[q.id, q.example]])));
    for (const q of stack.questions) {
      if (q.kind !== 'secret' || !q.secret.forbidden) continue;
      // With every answer left out and with the examples: generation may depend on the answers.
      for (const answers of [{}, examples]) {
        const spec = generateSpecOf(q, answers);
        if (spec) expect([...ALPHABETS[spec.alphabet]].filter((c) => q.secret.forbidden!.characters.includes(c)), q.id).toEqual([]);
      }
    }
  });

  it('has templates that follow the rules, and step kinds and checks of its own registry', async () => {
    const loaded = await loadStack(deps, id);
    // From the sources, loading compiles each template and refuses one that breaks the template rules.
    const templates = await loaded.templates();
    expect(Object.keys(templates).sort()).toEqual(loaded.stack.files.map((f) => f.template).sort());
    const kinds = loaded.stack.stepKinds.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    // The checks it picks for the answers every question's example or default gives.
    const answers = Object.fromEntries(loaded.stack.questions.flatMap((q) => (q.kind === 'secret' ? [] : [[q.id, q.example ?? (typeof q.default === 'function' ? undefined : q.default)]])));
    const secrets = Object.fromEntries(loaded.stack.questions.filter((q) => q.kind === 'secret').map((q) => [q.id, new Secret(q.id, 'x'.repeat(40))]));
    const input = { answers, secrets, previous: {}, dir: '/srv/x' };
    // Planning stops as on a bug when a program the steps start here has no check: see the next case.
    const names = stepsAndChecks(loaded.stack, loaded.kinds, input, '/srv/x', hostFiles()).checks.map((c) => c.name);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    for (const step of loaded.stack.steps(input)) {
      expect(kinds, `step ${step.id}`).toContain(step.run.kind);
      if (step.skipIf) expect(kinds, `step ${step.id}'s probe`).toContain(step.skipIf.kind);
    }
    for (const f of loaded.stack.files) expect(filePath(f, answers).length).toBeGreaterThan(0);
  });
});

describe('the registry', () => {
  it('has a loader for every server in the catalogue, and no other', () => {
    expect(STACKS.map((s) => s.about.id)).toEqual(CATALOG.map((a) => a.id));
    expect(new Set(CATALOG.map((a) => a.id)).size).toBe(CATALOG.length);
  });
});
