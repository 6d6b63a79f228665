import type { Stack } from '../stack.js';
import { entropyBits } from '../secrets/generate.js';
import { defaultOf, generateSpecOf, type Question } from './types.js';

function defaultText(q: Question): string {
  if (q.kind === 'secret') {
    const g = generateSpecOf(q, {});
    if (g) return `generated (${g.length} chars, ${entropyBits(g)} bits)`;
    return typeof q.secret.generate === 'function' ? 'generated in some setups, else required' : 'required';
  }
  const d = defaultOf(q, {});
  if (d !== undefined) return String(d);
  return q.when ? 'required when used' : 'required';
}

function kindText(q: Question): string {
  switch (q.kind) {
    case 'choice':
      return q.choices.map((c) => c.value).join(' | ');
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
  const rows = stack.questions.map((q) => `| \`${q.id}\` | ${kindText(q)} | ${defaultText(q)} | ${q.prompt}${q.whenText ? ` (only ${q.whenText})` : ''} ${q.help} |`.replace(/\s+\|$/, ' |'));
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
