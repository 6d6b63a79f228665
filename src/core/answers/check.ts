import type { Problem } from '../errors.js';
import { FORMATS } from '../render/formats.js';
import type { Stack } from '../stack.js';
import { defaultOf, generateSpecOf, isAsked, type AnswerValue, type Answers, type Question, type SecretQuestion } from '../questions/types.js';
import { checkAbsolutePath, checkDevice, checkDomain, checkEmail, closest } from '../questions/validators.js';
import { isPlainObject, type AnswersDocument } from './answers-file.js';
import { describe, parseSecretSource, SECRET_FORMS, type SecretSource } from './secret-source.js';

export interface CheckedAnswers {
  /** Every asked, non-secret answer, defaults filled in. */
  readonly answers: Answers;
  /** Every asked secret's source (generate when left out and generatable). */
  readonly secretSources: Readonly<Record<string, SecretSource>>;
  readonly problems: readonly Problem[];
}

const HEADER_KEYS = ['version', 'stack'];

const getIn = (data: unknown, path: readonly string[]): unknown => {
  let node = data;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
};

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
    const line = doc.lineOf(path);
    if (!isAsked(q, answers)) {
      if (raw !== undefined) {
        problems.push({ path: q.id, line, severity: 'warning', message: `is ignored: it is used only ${q.whenText ?? 'for other answers'}`, fix: 'Remove it, or change the answer it depends on.' });
      }
      continue;
    }
    if (q.kind === 'secret') {
      const canGenerate = generateSpecOf(q, answers) !== undefined;
      if (raw === undefined) {
        if (canGenerate) secretSources[q.id] = { kind: 'generate' };
        else problems.push({ path: q.id, line, severity: 'error', message: 'is missing', fix: `${q.prompt} Give it as ${SECRET_FORMS.replace('{generate: true}, ', '')}.` });
        continue;
      }
      const parsed = parseSecretSource(raw, q.id, line, canGenerate);
      problems.push(...parsed.problems);
      if (parsed.source) secretSources[q.id] = parsed.source;
      continue;
    }
    if (raw === undefined) {
      const fallback = defaultOf(q, answers);
      if (fallback !== undefined) {
        answers[q.id] = fallback;
      } else {
        problems.push({ path: q.id, line, severity: 'error', message: 'is missing', fix: `${q.prompt} ${expected(q)}` });
      }
      continue;
    }
    const issue = checkValue(q, raw, answers);
    if (issue !== undefined) {
      problems.push({ path: q.id, line, severity: 'error', message: issue, fix: expected(q) });
    } else {
      answers[q.id] = raw as AnswerValue;
    }
  }

  problems.push(...unknownKeys(stack, data, doc));
  if (!problems.some((p) => p.severity === 'error') && stack.crossCheck) problems.push(...stack.crossCheck(answers));
  return { answers, secretSources, problems: sortProblems(problems) };
}

/** Checks a secret's value once it has been read from its source. */
export function checkSecretValue(q: SecretQuestion, value: string, answers: Answers): string | undefined {
  if (value.length < q.secret.minLength) return `is ${value.length} characters long; it must have at least ${q.secret.minLength}`;
  if (q.secret.maxLength !== undefined && value.length > q.secret.maxLength) return `is longer than ${q.secret.maxLength} characters`;
  for (const format of q.formats) {
    const reason = FORMATS[format].check(value);
    if (reason) return `${reason}`;
  }
  return q.validate?.(value, answers);
}

/** Checks one plain answer's type, kind rules, own rule and file formats. Exported for the prompts. */
export function checkValue(q: Exclude<Question, SecretQuestion>, raw: unknown, answers: Answers): string | undefined {
  switch (q.kind) {
    case 'integer':
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return `is ${describe(raw)}, not a whole number`;
      if (raw < q.min || raw > q.max) return `is ${raw}, outside ${q.min}–${q.max}`;
      return q.validate?.(raw, answers);
    case 'boolean':
      if (typeof raw !== 'boolean') return `is ${describe(raw)}, not true or false`;
      return q.validate?.(raw, answers);
    default:
      break;
  }
  if (typeof raw !== 'string') {
    return typeof raw === 'number' || typeof raw === 'boolean' ? `is ${describe(raw)}; text is expected (put it in quotes)` : `is ${describe(raw)}; text is expected`;
  }
  let issue: string | undefined;
  switch (q.kind) {
    case 'domain':
      issue = checkDomain(raw);
      break;
    case 'email':
      issue = checkEmail(raw);
      break;
    case 'path':
      issue = checkAbsolutePath(raw);
      break;
    case 'device':
      issue = checkDevice(raw);
      break;
    case 'choice':
      if (!q.choices.some((c) => c.value === raw)) {
        const near = closest(raw, q.choices.map((c) => c.value));
        issue = `is ${describe(raw)}, not one of the choices${near ? ` (did you mean "${near}"?)` : ''}`;
      }
      break;
    case 'text':
      if (raw === '') issue = 'is empty';
      else if (q.maxLength !== undefined && raw.length > q.maxLength) issue = `is longer than ${q.maxLength} characters`;
      else if (q.pattern && !q.pattern.test(raw)) issue = `is ${describe(raw)}, which ${q.patternText ?? `does not match ${q.pattern}`}`;
      break;
  }
  if (issue !== undefined) return issue;
  for (const format of q.formats) {
    const reason = FORMATS[format].check(raw);
    if (reason) return reason;
  }
  return (q.validate as ((v: string, a: Answers) => string | undefined) | undefined)?.(raw, answers);
}

/** What a valid answer looks like, for the "fix" half of a problem. */
export function expected(q: Question): string {
  switch (q.kind) {
    case 'integer':
      return `Give a whole number from ${q.min} to ${q.max}${q.example !== undefined ? `, e.g. ${q.example}` : ''}.`;
    case 'boolean':
      return 'Give true or false.';
    case 'choice':
      return `Give one of: ${q.choices.map((c) => c.value).join(', ')}.`;
    case 'domain':
      return `Give a host name such as ${q.example ?? 'example.org'} (lower case, no "https://").`;
    case 'email':
      return `Give an e-mail address such as ${q.example ?? 'admin@example.org'}.`;
    case 'path':
      return `Give an absolute path such as ${q.example ?? '/opt/data'}.`;
    case 'device':
      return `Give a block device such as ${q.example ?? '/dev/sdb'}.`;
    case 'secret':
      return `Give it as ${SECRET_FORMS}.`;
    case 'text':
      return q.example !== undefined ? `For example: ${q.example}.` : 'Give some text.';
  }
}

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
