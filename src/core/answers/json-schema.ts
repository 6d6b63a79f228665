import type { Stack } from '../stack.js';
import { kindOf } from '../questions/kinds/index.js';
import { defaultOf, generateSpecOf, type Question } from '../questions/types.js';
import { ANSWERS_FILE_VERSION } from './answers-file.js';

type Schema = Record<string, unknown>;

function valueSchema(q: Question): Schema {
  const s: Schema = { description: `${q.prompt} ${q.help}${q.whenText && q.kind !== 'secret' ? ` Used only ${q.whenText}.` : ''}`, ...kindOf(q).schema(q) };
  const d = defaultOf(q, {});
  if (d !== undefined) s['default'] = d;
  if (q.kind !== 'secret' && q.example !== undefined) s['examples'] = [q.example];
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
