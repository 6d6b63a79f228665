import type { Problem } from '../../core/errors.js';
import { kindOf } from '../../core/questions/kinds/index.js';
import { generateSpecOf, type Question } from '../../core/questions/types.js';
import { describeGenerated, entropyBits } from '../../core/secrets/generate.js';
import { visibleQuestions, type WizardState } from '../../core/wizard/machine.js';
import { formatResults, notPassed } from '../../core/checks/outcome.js';
import type { CheckResult } from '../../core/checks/check.js';
import { TRACKED_NOTE } from '../../core/plan/describe.js';
import type { PlanView } from '../../core/plan/view.js';
import type { RunOutcome } from '../../core/session/outcome.js';
import { nextSteps, summaryDetails, writtenFiles, type SummaryFacts } from '../summary.js';

/** The plain mode's words and layouts: pure functions from data to lines, no prompts and no streams. */

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2013': '-', // en dash
  '\u2014': '--', // em dash
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
  '\u00d7': 'x',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2022': '*',
  '\u00a0': ' ',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2714': 'v',
  '\u2713': 'v',
  '\u2716': 'x',
  '\u2717': 'x',
  '\u276f': '>',
  '\u203a': '>',
  '\u00a7': 'S',
};

/**
 * Text for a terminal without Unicode: typographic marks become their ASCII spelling, accented letters
 * lose the accent, and anything else outside ASCII becomes "?" (as a 7-bit terminal would show it anyway).
 */
export function toAscii(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const bare = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(bare) ? bare : '?';
    }
  }
  return out;
}

// CSI (colours, cursor movement, erasing; arrow keys), OSC (titles, links), SS3 (arrow keys in application
// mode) and the two-byte escapes (ESC 7, ESC 8...).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1bO[ -~]|\x1b[ -~]?/g;

/** Text without its escape sequences, whether written (colours, cursor moves) or typed (arrow keys, Esc). */
export const withoutEscapes = (text: string): string => text.replace(ESCAPES, '');

/**
 * Text without escape sequences or control characters (C0 but tab and line feed, DEL, C1: U+009B is CSI
 * too): what a line-mode terminal may show. A carriage return would move the cursor back over the line; a step's coloured
 * output loses its colours.
 */
// eslint-disable-next-line no-control-regex
export const plainText = (text: string): string => withoutEscapes(text).replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');

/** The help for a question, as printed after `?`. */
export function helpLines(q: Question, s: WizardState): string[] {
  const lines = [`Help for ${q.id}: ${q.help}`];
  if (q.kind === 'choice') for (const c of q.choices) lines.push(`  ${c.label}${c.help ? `: ${c.help}` : ''}`);
  if (q.kind !== 'secret' && q.kind !== 'choice') lines.push(`  ${kindOf(q).expected(q)}`);
  if (q.kind === 'secret') {
    const spec = generateSpecOf(q, s.answers);
    lines.push(`  At least ${q.secret.minLength} characters${q.secret.maxLength ? `, at most ${q.secret.maxLength}` : ''}. What you type is not shown.`);
    if (spec) lines.push(`  Generated: ${describeGenerated(spec)} (${entropyBits(spec)} bits${(spec.count ?? 1) > 1 ? ' each' : ''}), kept on every later run.`);
    else lines.push('  It cannot be generated here: give the value you were issued.');
  }
  return lines;
}

/** How an answer shows on the review screen: secrets never, only how they were given. */
export function shownAnswer(q: Question, s: WizardState): string {
  if (q.kind === 'secret') {
    const c = s.secrets[q.id];
    return c === undefined ? '(not answered)' : c.kind === 'generate' ? 'generated' : c.kind === 'keep' ? 'keep current' : '(typed, hidden)';
  }
  const a = s.answers[q.id];
  if (a === undefined) return '(not answered)';
  if (q.kind === 'boolean') return a === true ? 'yes' : 'no';
  if (q.kind === 'choice') return q.choices.find((c) => c.value === a)?.label ?? String(a);
  return String(a);
}

/** Every answer that applies, by section, with its answers-file key. */
export function reviewLines(s: WizardState): string[] {
  const lines: string[] = [];
  let section: string | undefined;
  const visible = visibleQuestions(s.questions, s.answers);
  const width = Math.max(...visible.map((q) => q.id.length));
  for (const q of visible) {
    if (q.section !== section) {
      section = q.section;
      lines.push(`  ${section}`);
    }
    lines.push(`    ${`${q.id}:`.padEnd(width + 1)} ${shownAnswer(q, s)}`);
  }
  return lines;
}

export function problemLines(problems: readonly Problem[]): string[] {
  return problems.flatMap((p) => {
    const where = p.path === '' ? '' : `${p.path}${p.line ? ` (line ${p.line})` : ''}: `;
    return [`  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}${p.message}`, ...(p.fix ? [`          fix: ${p.fix}`] : [])];
  });
}

/** The plan as shown before "Apply?": files, their diffs (already masked), steps, notes, warnings. */
export function planLines(plan: PlanView, title: string, dir: string): string[] {
  const count = (status: string) => plan.files.filter((f) => f.status === status).length;
  const lines = [`Plan for ${title} in ${dir}`, `Files: ${count('new')} new, ${count('changed')} changed, ${count('unchanged')} unchanged`];
  for (const f of plan.files) lines.push(`  ${f.status.padEnd(9)} ${f.path}${f.secret ? ' (secrets, mode 0600)' : ''}: ${f.description}`, ...(f.tracked ? [`            ${TRACKED_NOTE}`] : []));
  for (const b of plan.blocked) lines.push(`  BLOCKED   ${b.path} ${b.reason}`, ...(b.fix ? [`            fix: ${b.fix}`] : []));
  for (const f of plan.files.filter((x) => x.diff !== '')) lines.push('', ...f.diff.replace(/\n$/, '').split('\n'));
  lines.push('', plan.steps.length ? `Bootstrap steps (${plan.steps.length}):` : 'Bootstrap steps: none (files only).');
  plan.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step.id}: ${step.title}`));
  if (plan.notes.length) lines.push('', 'Notes:', ...plan.notes.map((n) => `  - ${n}`));
  if (plan.warnings.length) lines.push('', 'Warnings:', ...problemLines(plan.warnings));
  return lines;
}

/**
 * The end of apply or resume: what happened, where things are (credentials by file, backups, answers),
 * what was left out, and the command to run next.
 */
export function summaryLines(o: RunOutcome, dir: string, facts?: SummaryFacts): string[] {
  const lines: string[] = [''];
  const written = writtenFiles(o);
  const next = nextSteps(o);
  const details = summaryDetails(o, dir, facts);
  const listed = (title: string, items: readonly string[]) => (items.length ? [title, ...items.map((i) => `  - ${i}`)] : []);
  const more = [...listed('Where things are:', details.where), ...listed('Skipped:', details.skipped)];
  const command = details.next ? [`${details.next.why}:`, `  ${details.next.command}`] : [];
  if (o.status === 'refused' || o.status === 'declined') {
    lines.push(`Not applied: ${o.message ?? 'a check before writing failed.'}`);
    lines.push(...checkLines(notPassed(o.preflight)));
    lines.push(...(o.hints ?? []));
    lines.push(written.length ? `Written before it stopped: ${written.join(', ')}` : 'Nothing was written.');
    return lines;
  }
  if (o.status === 'failed') {
    const f = o.failed;
    if (f) {
      lines.push(`Step ${f.id} failed: ${f.error}`);
      if (f.tail.length) lines.push(`Its last ${f.tail.length} line(s):`, ...f.tail.map((l) => `  | ${l}`));
    } else lines.push(`The bootstrap failed${o.message ? `: ${o.message}` : '.'}`);
    if (o.logPath) lines.push(`Full log: ${o.logPath}`);
    lines.push(...more, `Fix the cause, then ${o.rerun ? 'run it again' : 'continue where it stopped'}:`, `  ${o.resumeCommand}`);
    return lines;
  }
  if (o.status === 'interrupted') {
    lines.push(`Stopped; finished steps are recorded.${o.logPath ? ` Log: ${o.logPath}` : ''}`, ...(details.stopped ? [details.stopped] : []), ...more, 'Continue with:', `  ${o.resumeCommand}`);
    return lines;
  }
  // Files only after failed checks: the message says why, the hints how to run the bootstrap later.
  if (o.status === 'written' && o.message !== undefined) lines.push(o.message, ...(o.hints ?? []).map((h) => (h.startsWith('fieldstation ') ? `  ${h}` : h)));
  else lines.push(o.status === 'written' ? 'Done: the files are written (the bootstrap was switched off).' : o.message ?? 'Done: the server is set up.');
  if (written.length) lines.push(`Written: ${written.join(', ')}`);
  if (o.logPath) lines.push(`Log: ${o.logPath}`);
  lines.push(...listed('Next steps:', next), ...more, ...command);
  if (o.answersPath && o.status === 'succeeded') lines.push(`To apply the same answers again: fieldstation apply --answers ${o.answersPath} --dir ${dir}`);
  return lines;
}

/** Check results as `doctor` prints them, one line each (and the fix under those that need one). */
export const checkLines = (results: readonly CheckResult[]): string[] => formatResults(results).split('\n').filter(Boolean);
