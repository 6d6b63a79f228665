import { dirname } from 'node:path';
import { promises as fs } from 'node:fs';
import { parseAnswersText, readHeader, type AnswersDocument } from '../core/answers/answers-file.js';
import { checkAnswers, checkSecretValue, type CheckedAnswers } from '../core/answers/check.js';
import { AnswersError, UsageError, type Problem } from '../core/errors.js';
import type { SecretQuestion } from '../core/questions/types.js';
import { createMasker } from '../core/secrets/mask.js';
import type { Stack } from '../core/stack.js';
import { readSecretSource } from '../io/secret-sources.js';
import { loadStack, STACK_IDS } from '../stacks/index.js';

export interface LoadedAnswers {
  readonly stack: Stack;
  readonly path: string;
  /** The folder relative {file: ...} references are read from. */
  readonly baseDir: string;
  readonly checked: CheckedAnswers;
  /** Values of the secrets given in the file, the environment or files (not the generated ones). */
  readonly secretValues: Readonly<Record<string, string>>;
  readonly warnings: readonly Problem[];
  /** Masks the secret values read so far (generated ones are added by the plan). */
  readonly mask: (text: string) => string;
}

/**
 * Reads an answers file and checks its syntax, header and every answer, including the form of each secret
 * reference, but reads no secret value. Throws AnswersError only when the stack cannot be known; the
 * caller decides what the other problems mean.
 */
export async function readAnswersFile(path: string): Promise<{ stack: Stack; doc: AnswersDocument; checked: CheckedAnswers; problems: Problem[] }> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the answers file ${path}: ${code === 'ENOENT' ? 'it does not exist' : code ?? String(error)}.`, [
      'Check the path, or start from one of the files in examples/.',
    ]);
  }
  const doc = parseAnswersText(text);
  const header = readHeader(doc, STACK_IDS);
  const problems: Problem[] = [...doc.problems, ...header.problems];
  const stack = header.stack === undefined ? undefined : await loadStack(header.stack);
  if (!stack) throw new AnswersError(problems, path);
  const checked = checkAnswers(stack, doc);
  problems.push(...checked.problems);
  return { stack, doc, checked, problems };
}

/**
 * Reads and checks an answers file completely: syntax, header, every answer, and every secret reference
 * (environment variables set, files readable, values long enough and writable). All problems are
 * gathered and thrown together as one AnswersError.
 */
export async function loadAnswers(path: string, env: Readonly<Record<string, string | undefined>>): Promise<LoadedAnswers> {
  const { stack, doc, checked, problems } = await readAnswersFile(path);
  return resolveSecrets({ stack, doc, checked, problems, source: path, baseDir: dirname(path), env });
}

/**
 * Answers given as data (the interactive wizard), checked exactly as an answers file is. Typed secrets
 * arrive as literal strings; they are the user's own input here, so the "literal secret" warning that an
 * answers file gets is left out.
 */
export async function loadAnswersData(stack: Stack, data: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>, baseDir: string): Promise<LoadedAnswers> {
  const doc: AnswersDocument = { data, problems: [], lineOf: () => undefined };
  const checked = checkAnswers(stack, doc);
  const problems = checked.problems.filter((p) => p.code !== 'literal-secret');
  return resolveSecrets({ stack, doc, checked: { ...checked, problems }, problems: [...problems], source: 'your answers', baseDir, env });
}

async function resolveSecrets(args: { stack: Stack; doc: AnswersDocument; checked: CheckedAnswers; problems: Problem[]; source: string; baseDir: string; env: Readonly<Record<string, string | undefined>> }): Promise<LoadedAnswers> {
  const { stack, doc, checked, problems, env } = args;
  const path = args.source;
  const secretValues: Record<string, string> = {};
  await Promise.all(
    Object.entries(checked.secretSources).map(async ([id, source]) => {
      if (source.kind === 'generate') return;
      const line = doc.lineOf(id.split('.'));
      const read = await readSecretSource(source, { env, baseDir: args.baseDir });
      if ('problem' in read) {
        problems.push({ path: id, line, severity: 'error', message: read.problem, fix: read.fix });
        return;
      }
      const q = stack.questions.find((x) => x.id === id) as SecretQuestion;
      const issue = checkSecretValue(q, read.value, checked.answers);
      if (issue) problems.push({ path: id, line, severity: 'error', message: `has a value that ${issue}`, fix: `Give a value of at least ${q.secret.minLength} characters that has no single quote, line break, "\\\\", trailing backslash or "${'$'}{"${q.secret.generate ? ', or use {generate: true}' : ''}.` });
      else secretValues[id] = read.value;
    }),
  );
  if (problems.some((p) => p.severity === 'error')) {
    throw new AnswersError(problems.sort((a, b) => (a.line ?? 1e9) - (b.line ?? 1e9)), path);
  }
  const mask = createMasker(Object.entries(secretValues).map(([id, value]) => ({ id, value })));
  return { stack, path, baseDir: args.baseDir, checked, secretValues, warnings: problems, mask };
}
