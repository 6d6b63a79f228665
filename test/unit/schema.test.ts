import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, FIXTURES, ROOT, runCli } from './helpers/cli.js';

const committed = readFileSync(join(ROOT, 'schema', 'answers.schema.json'), 'utf8');

describe('the answers-file JSON Schema', () => {
  it('is in sync with the catalogue (regenerate: fieldstation schema > schema/answers.schema.json)', () => {
    const r = runCli(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(committed);
  });

  it('accepts the example and fixtures and rejects what validate rejects', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const check = ajv.compile(JSON.parse(committed) as object);
    for (const file of [join(EXAMPLES, 'stickypi.yaml'), join(FIXTURES, 'stickypi', 'local-s3.yaml'), join(FIXTURES, 'stickypi', 'file-secrets.yaml')]) {
      expect(check(parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
    const bad = { version: 1, stack: 'stickypi', domain: 'a.example.org', admin_email: 'a@example.org', s3: { mode: 'remot', bucket: 'x' }, unknown: 1 };
    expect(check(bad)).toBe(false);
    const messages = (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    expect(messages.join('\n')).toMatch(/must NOT have additional properties/);
    expect(messages.join('\n')).toMatch(/\/s3\/mode must be equal to one of the allowed values/);
  });
});
