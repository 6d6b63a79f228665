import type { Stack } from '../stack.js';
import { kindOf } from './kinds/index.js';
import { secretDefaultText } from './kinds/secret.js';
import { defaultOf, type Question } from './types.js';

function defaultText(q: Question): string {
  if (q.kind === 'secret') return secretDefaultText(q);
  const d = defaultOf(q, {});
  if (d !== undefined) return String(d);
  return q.when ? 'required when used' : 'required';
}

const kindText = (q: Question): string => kindOf(q).label(q);

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
