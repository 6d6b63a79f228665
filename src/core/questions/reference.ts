import type { Stack } from '../stack.js';
import { entropyBits } from '../secrets/generate.js';
import { defaultOf, generateSpecOf, type Question } from './types.js';

function defaultText(q: Question): string {
  if (q.kind === 'secret') {
    if (q.secret.generateWhen) return `required; generated ${q.secret.generateWhen}`;
    const g = generateSpecOf(q, {});
    return g ? `generated (${g.length} chars, ${entropyBits(g)} bits)` : 'required';
  }
  const d = defaultOf(q, {});
  if (d !== undefined) return String(d);
  return q.when ? 'required when used' : 'required';
}

function kindText(q: Question): string {
  switch (q.kind) {
    case 'choice':
      return `one of ${q.choices.map((c) => c.value).join(', ')}`;
    case 'integer':
      return `integer ${q.min}-${q.max}`;
    case 'secret':
      return `secret, min ${q.secret.minLength} chars`;
    default:
      return q.kind;
  }
}

/** The catalogue as a Markdown table: for the README and `fieldstation questions --markdown`. */
export function referenceMarkdown(stack: Stack): string {
  // Angle brackets would be read as HTML by Markdown renderers: escape them.
  const md = (text: string) => text.replace(/[<>|]/g, (c) => `\\${c}`);
  const rows = stack.questions.map((q) => `| \`${q.id}\` | ${md(kindText(q))} | ${md(defaultText(q))} | ${md(`${q.prompt}${q.whenText ? ` (only ${q.whenText})` : ''} ${q.help}`)} |`);
  return [`| key | kind | default | meaning |`, `| --- | --- | --- | --- |`, ...rows].join('\n');
}

/** The catalogue as plain text for the terminal. */
export function referenceText(stack: Stack): string {
  const lines = [`${stack.title} (stack: ${stack.id})`, stack.summary, ''];
  let section = '';
  for (const q of stack.questions) {
    if (q.section !== section) {
      section = q.section;
      lines.push(`${section}:`);
    }
    lines.push(`  ${q.id}  [${kindText(q)}; default: ${defaultText(q)}]${q.whenText ? ` (only ${q.whenText})` : ''}`);
    lines.push(`      ${q.prompt} ${q.help}`);
  }
  lines.push('', 'Secrets are given as {generate: true}, {env: NAME}, {file: /path}, {keychain: service/account} (reserved) or a literal string.');
  return `${lines.join('\n')}\n`;
}
