import type { Stack } from '../stack.js';
import { defaultOf, generateSpecOf, type Question } from '../questions/types.js';
import { ANSWERS_FILE_VERSION } from './answers-file.js';

type Schema = Record<string, unknown>;

const secretSchema = (q: Question & { kind: 'secret' }): Schema => ({
  description: `${q.prompt} ${q.help}`,
  oneOf: [
    { type: 'string', minLength: q.secret.minLength, description: 'A literal value (allowed, but anyone who can read the file can read it).' },
    { type: 'object', properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } }, required: ['env'], additionalProperties: false, description: 'Read from this environment variable.' },
    { type: 'object', properties: { file: { type: 'string', minLength: 1 } }, required: ['file'], additionalProperties: false, description: 'Read from this file (relative to the answers file).' },
    { type: 'object', properties: { keychain: { type: 'string', pattern: '^[^/]+/.+$' } }, required: ['keychain'], additionalProperties: false, description: 'Read from the OS keychain as service/account (reserved; not read by this version).' },
    ...(q.secret.generate ? [{ type: 'object', properties: { generate: { const: true } }, required: ['generate'], additionalProperties: false, description: 'Generate a random value (kept on re-runs).' }] : []),
  ],
});

function valueSchema(q: Question): Schema {
  if (q.kind === 'secret') return secretSchema(q);
  const s: Schema = { description: `${q.prompt} ${q.help}${q.whenText ? ` Used only ${q.whenText}.` : ''}` };
  switch (q.kind) {
    case 'integer':
      Object.assign(s, { type: 'integer', minimum: q.min, maximum: q.max });
      break;
    case 'boolean':
      s['type'] = 'boolean';
      break;
    case 'choice':
      Object.assign(s, { type: 'string', enum: q.choices.map((c) => c.value) });
      break;
    case 'email':
      Object.assign(s, { type: 'string', format: 'email' });
      break;
    case 'domain':
      Object.assign(s, { type: 'string', format: 'hostname' });
      break;
    case 'path':
    case 'device':
      Object.assign(s, { type: 'string', pattern: q.kind === 'device' ? '^/dev/' : '^/' });
      break;
    case 'text':
      Object.assign(s, { type: 'string', minLength: 1, ...(q.pattern ? { pattern: q.pattern.source } : {}), ...(q.maxLength ? { maxLength: q.maxLength } : {}) });
      break;
  }
  const d = defaultOf(q, {});
  if (d !== undefined) s['default'] = d;
  if (q.example !== undefined) s['examples'] = [q.example];
  return s;
}

/** Nests dotted ids into object schemas, with no unknown keys allowed at any level. */
function stackSchema(stack: Stack): Schema {
  const root: Schema = { type: 'object', properties: { version: {}, stack: {} }, additionalProperties: false, required: [] as string[] };
  for (const q of stack.questions) {
    const parts = q.id.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const props = node['properties'] as Record<string, Schema>;
      props[part] ??= { type: 'object', properties: {}, additionalProperties: false, required: [] };
      node = props[part]!;
    }
    (node['properties'] as Record<string, Schema>)[parts[parts.length - 1]!] = valueSchema(q);
    const needed = !q.when && (q.kind === 'secret' ? generateSpecOf(q, {}) === undefined : defaultOf(q, {}) === undefined);
    if (needed) (node['required'] as string[]).push(parts[parts.length - 1]!);
  }
  return root;
}

/** The JSON Schema of the answers file, derived from the stacks' catalogues (never edited by hand). */
export function answersJsonSchema(stacks: readonly Stack[]): Schema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://fieldstation.invalid/answers.schema.json',
    title: 'fieldstation answers file',
    description: 'Answers for a non-interactive fieldstation run. Generated from the question catalogue by `fieldstation schema`.',
    type: 'object',
    required: ['version', 'stack'],
    properties: {
      version: { const: ANSWERS_FILE_VERSION },
      stack: { enum: stacks.map((s) => s.id) },
    },
    allOf: stacks.map((s) => ({ if: { properties: { stack: { const: s.id } } }, then: stackSchema(s) })),
  };
}
