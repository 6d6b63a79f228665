import type { Problem } from '../errors.js';
import { refusal } from '../formats/format.js';
import { kindOf } from '../questions/kinds/index.js';
import type { Stack } from '../stack.js';
import { defaultOf, generateSpecOf, isAsked, type AnswerValue, type Answers, type PlainQuestion, type Question, type SecretQuestion } from '../questions/types.js';
import { closest } from '../questions/validators.js';
import { forbiddenProblem } from '../questions/kinds/secret.js';
import { describe } from '../questions/kind.js';
import type { AnswersDocument } from './answers-file.js';
import { filePathProblems, stepPathProblems } from './file-paths.js';
import { isPlainObject } from './mapping.js';
import { getIn } from './nesting.js';
import { parseSecretSource, SECRET_FORMS, type SecretSource } from './secret-source.js';
import { REPLACEMENT } from './utf8.js';

export interface CheckedAnswers {
  /** Every asked, non-secret answer, defaults filled in. */
  readonly answers: Answers;
  /** Every asked secret's source (generate when left out and generatable). */
  readonly secretSources: Readonly<Record<string, SecretSource>>;
  readonly problems: readonly Problem[];
}

const HEADER_KEYS = ['version', 'stack'];

/**
 * Checks an answers document against a stack's catalogue: every missing, unknown or invalid answer is
 * reported, each with its key path, line, what is wrong and what would be valid. Secret values are not
 * known yet (they may live in env or files); `checkSecretValue` checks them once they are read.
 */
export function checkAnswers(stack: Stack, doc: AnswersDocument): CheckedAnswers {
  const problems: Problem[] = [];
  const answers: Record<string, AnswerValue> = {};
  const secretSources: Record<string, SecretSource> = {};
  const data = isPlainObject(doc.data) ? doc.data : {};

  for (const q of stack.questions) {
    const path = q.id.split('.');
    const raw = getIn(data, path);
    // Lines are looked up only for problems: most answers have none.
    const line = () => doc.lineOf(path);
    if (!isAsked(q, answers)) {
      if (raw !== undefined) {
        problems.push({ path: q.id, line: line(), severity: 'warning', message: `is ignored: it is used only ${q.whenText ?? 'for other answers'}`, fix: 'Remove it, or change the answer it depends on.' });
      }
      continue;
    }
    if (q.kind === 'secret') {
      const canGenerate = generateSpecOf(q, answers) !== undefined;
      if (raw === undefined) {
        if (canGenerate) secretSources[q.id] = { kind: 'generate' };
        else problems.push({ path: q.id, line: line(), severity: 'error', message: 'is missing', fix: `${q.prompt} Give it as ${SECRET_FORMS.replace('{generate: true}, ', '')}.` });
        continue;
      }
      const parsed = parseSecretSource(raw, q.id, line(), canGenerate);
      problems.push(...parsed.problems);
      if (parsed.source) secretSources[q.id] = parsed.source;
      continue;
    }
    if (raw === undefined) {
      const fallback = defaultOf(q, answers);
      if (fallback !== undefined) {
        answers[q.id] = fallback;
      } else {
        problems.push({ path: q.id, line: line(), severity: 'error', message: 'is missing', fix: `${q.prompt} ${expected(q)}` });
      }
      continue;
    }
    const issue = checkValue(q, raw, answers);
    if (issue !== undefined) {
      problems.push({ path: q.id, line: line(), severity: 'error', message: issue, fix: expected(q) });
    } else {
      answers[q.id] = raw as AnswerValue;
    }
  }

  problems.push(...unknownKeys(stack, data, doc));
  const atLine = (p: Problem): Problem => ({ ...p, line: p.path ? doc.lineOf(p.path.split('.')) : undefined });
  // Paths of files built from answers are checked even when another answer is wrong: every problem at once.
  problems.push(...filePathProblems(stack, answers).map(atLine));
  if (!problems.some((p) => p.severity === 'error')) {
    problems.push(...stepPathProblems(stack, answers).map(atLine));
    if (stack.crossCheck) problems.push(...stack.crossCheck(answers));
  }
  return { answers, secretSources, problems: sortProblems(problems) };
}

/** Checks a secret's value once it has been read from its source. */
export function checkSecretValue(q: SecretQuestion, value: string, answers: Answers): string | undefined {
  return kindOf(q).check(value, q) ?? refusal(q.formats, value) ?? q.validate?.(value, answers);
}

/**
 * A secret typed in the wizard: its problem as one sentence that also says what to type instead, since
 * no separate fix line is shown there (an answers file gets `secretValueProblem`'s message and fix).
 */
export function typedSecretProblem(q: SecretQuestion, value: string, answers: Answers): string | undefined {
  const issue = checkSecretValue(q, value, answers);
  const forbidden = q.secret.forbidden;
  if (issue !== undefined && forbidden && forbiddenProblem(q.secret, value) === issue) return `${issue}; use only ${forbidden.safe}`;
  return issue;
}

/**
 * A given secret's value as a problem of the answers: what is wrong with it (never the value) and the fix
 * for that, or undefined when it passes.
 */
export function secretValueProblem(q: SecretQuestion, value: string, answers: Answers): { message: string; fix: string } | undefined {
  const issue = checkSecretValue(q, value, answers);
  if (issue === undefined) return undefined;
  const generated = generateSpecOf(q, answers) !== undefined;
  const forbidden = q.secret.forbidden;
  if (forbidden && forbiddenProblem(q.secret, value) === issue) {
    return { message: `has a value that ${issue}`, fix: `Use ${forbidden.safe} only${generated ? ', or leave it out to have one generated' : ''}.` };
  }
  const otherwise = generated ? ', or use {generate: true}' : '';
  if (value.includes(REPLACEMENT)) return { message: `has a value that ${issue}`, fix: `Give the value as UTF-8 text${otherwise}.` };
  return { message: `has a value that ${issue}`, fix: `Give a value of at least ${q.secret.minLength} characters that has no single quote, line break, "\\\\", trailing backslash or "${'$'}{"${otherwise}.` };
}

/** Checks one plain answer: its kind's rules, the formats it is written into, then its own rule. */
export function checkValue(q: PlainQuestion, raw: unknown, answers: Answers): string | undefined {
  const issue = kindOf(q).check(raw, q) ?? (typeof raw === 'string' ? refusal(q.formats, raw) : undefined);
  if (issue !== undefined) return issue;
  return (q.validate as ((v: AnswerValue, a: Answers) => string | undefined) | undefined)?.(raw as AnswerValue, answers);
}

/** What a valid answer looks like, for the "fix" half of a problem. */
const expected = (q: Question): string => kindOf(q).expected(q);

function unknownKeys(stack: Stack, data: Record<string, unknown>, doc: AnswersDocument): Problem[] {
  const ids = stack.questions.map((q) => q.id);
  const groups = new Set(ids.flatMap((id) => id.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  const problems: Problem[] = [];
  const walk = (node: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const path = [...prefix, key];
      const id = path.join('.');
      if (prefix.length === 0 && HEADER_KEYS.includes(key)) continue;
      if (groups.has(id)) {
        if (isPlainObject(value)) walk(value, path);
        else problems.push({ path: id, line: doc.lineOf(path), severity: 'error', message: `is ${describe(value)}, but it groups other answers`, fix: `Make it a mapping with keys: ${childKeys(ids, id).join(', ')}.` });
        continue;
      }
      if (ids.includes(id)) continue; // a secret's reference mapping is its value: not walked into
      const siblings = childKeys(ids, prefix.join('.'));
      const near = closest(key, siblings);
      problems.push({
        path: id,
        line: doc.lineOf(path),
        severity: 'error',
        message: `is not a ${stack.title} answer`,
        fix: near ? `Did you mean "${[...prefix, near].join('.')}"?` : `Known keys here: ${siblings.join(', ')}.`,
      });
    }
  };
  walk(data, []);
  return problems;
}

function childKeys(ids: readonly string[], prefix: string): string[] {
  const depth = prefix === '' ? 0 : prefix.split('.').length;
  const out = new Set<string>();
  for (const id of ids) {
    if (prefix === '' || id.startsWith(`${prefix}.`)) out.add(id.split('.')[depth]!);
  }
  return [...out];
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || a.path.localeCompare(b.path));
}
