import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../src/stacks/index.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const committed = readFileSync(join(ROOT, 'schema', 'answers.schema.json'), 'utf8');

describe('the answers-file JSON Schema', () => {
  it('is in sync with the catalogue (regenerate: fieldstation schema > schema/answers.schema.json)', async () => {
    const r = await runInProcess(['schema'], { cwd: tempDir(), stacks: STACKS });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(committed);
  });

  it.each(STACKS.map((s) => [s.about.id, s] as const))('accepts every answers file of %s and rejects what validate rejects', async (id, entry) => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const check = ajv.compile(JSON.parse(committed) as object);
    const fixtures = join(FIXTURES, id);
    const files = [...entry.about.examples.map((e) => join(ROOT, e)), ...(existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).map((f) => join(fixtures, f)) : [])];
    for (const file of files) expect(check(parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(check.errors)}`).toBe(true);
    // The example with an unknown key and a choice that is not one of the choices.
    const stack = await entry.load();
    const choice = stack.questions.find((q) => q.kind === 'choice' && !q.when);
    const bad = parse(readFileSync(files[0]!, 'utf8')) as Record<string, unknown>;
    bad['no_such_answer'] = 1;
    if (choice) {
      const [head, ...rest] = choice.id.split('.');
      if (rest.length === 0) bad[head!] = 'not-a-choice';
      else bad[head!] = { ...(bad[head!] as object), [rest.join('.')]: 'not-a-choice' };
    }
    expect(check(bad)).toBe(false);
    const messages = (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
    expect(messages).toMatch(/must NOT have additional properties/);
    if (choice) expect(messages).toContain(`/${choice.id.replace('.', '/')} must be equal to one of the allowed values`);
  });
});
