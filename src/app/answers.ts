import { dirname } from 'node:path';
import { parseAnswersBytes, readHeader, type AnswersDocument } from '../core/answers/answers-file.js';
import { checkAnswers, secretValueProblem, type CheckedAnswers } from '../core/answers/check.js';
import { AnswersError, UsageError, type Problem } from '../core/errors.js';
import type { Answers, SecretQuestion } from '../core/questions/types.js';
import type { Stack } from '../core/stack.js';
import { createMasker } from '../core/secrets/mask.js';
import { readBytes } from '../io/files.js';
import { readSecretSource } from '../io/secret-sources.js';
import type { AppDeps } from './ports.js';
import { loadStack, stackIds, type LoadedStack } from './stacks.js';

/** Where answers come from: an answers file, or the wizard's answers as the same mapping. */
export type AnswersSource =
  | { readonly kind: 'file'; readonly path: string }
  /** Typed secrets arrive as literal strings: the user's own input, so they get no "literal secret" warning. */
  | { readonly kind: 'data'; readonly stack: string; readonly data: Record<string, unknown>; readonly baseDir: string };

export interface LoadedAnswers {
  readonly loaded: LoadedStack;
  /** The answers file, or "your answers" for the wizard: named in messages. */
  readonly source: string;
  /** The folder relative {file: ...} references are read from. */
  readonly baseDir: string;
  readonly checked: CheckedAnswers;
  /** Values of the secrets given in the file, the environment or files (not the generated ones). */
  readonly secretValues: Readonly<Record<string, string>>;
  readonly warnings: readonly Problem[];
  /** Masks the secret values read so far (generated and stored ones are added by the plan). */
  readonly mask: (text: string) => string;
}

/**
 * Reads an answers file and checks its syntax, header and every answer, including the form of each secret
 * reference, but reads no secret value (doctor works before the S3 keys are exported). Throws AnswersError
 * only when the server cannot be known; the caller decides what the other problems mean.
 */
export async function readAnswersFile(deps: Pick<AppDeps, 'stacks' | 'templatesRoot'>, path: string): Promise<{ loaded: LoadedStack; doc: AnswersDocument; checked: CheckedAnswers; problems: Problem[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the answers file ${path}: ${code === 'ENOENT' ? 'it does not exist' : code ?? String(error)}.`, [
      'Check the path, or start from one of the files in examples/.',
    ]);
  }
  const doc = parseAnswersBytes(bytes);
  const header = readHeader(doc, stackIds(deps));
  const problems: Problem[] = [...doc.problems, ...header.problems];
  if (header.stack === undefined) throw new AnswersError(problems, path);
  const loaded = await loadStack(deps, header.stack);
  const checked = checkAnswers(loaded.stack, doc);
  problems.push(...checked.problems);
  return { loaded, doc, checked, problems };
}

/**
 * Reads and checks answers completely: every answer, and every secret reference (environment variables
 * set, files readable, values long enough and writable). All problems are thrown together as one
 * AnswersError; nothing has been written.
 */
export async function loadAnswers(deps: Pick<AppDeps, 'stacks' | 'templatesRoot' | 'env' | 'files' | 'now'>, source: AnswersSource): Promise<LoadedAnswers> {
  if (source.kind === 'file') {
    const { loaded, doc, checked, problems } = await readAnswersFile(deps, source.path);
    problems.push(...(await hostFileProblems(deps, loaded.stack, checked.answers, doc)));
    return resolveSecrets(deps, { loaded, doc, checked, problems, source: source.path, baseDir: dirname(source.path) });
  }
  const loaded = await loadStack(deps, source.stack);
  const doc: AnswersDocument = { data: source.data, problems: [], lineOf: () => undefined };
  const all = checkAnswers(loaded.stack, doc);
  const problems = all.problems.filter((p) => p.code !== 'literal-secret');
  const hostProblems = await hostFileProblems(deps, loaded.stack, all.answers, doc);
  return resolveSecrets(deps, { loaded, doc, checked: { ...all, problems }, problems: [...problems, ...hostProblems], source: 'your answers', baseDir: source.baseDir });
}

/** The largest file an answer may point at (certificates and keys take a few KiB), or part of one it asks for. */
const HOST_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The problems of the files on this machine that the answers point at (the stack's `hostFiles` rules):
 * a file that cannot be read (whole, or the tail a rule asks for), as a problem of the answer that gave
 * its path, then the stack's own checks of what the files hold, at the time `deps.now` gives.
 */
async function hostFileProblems(deps: Pick<AppDeps, 'files' | 'now'>, stack: Stack, answers: Answers, doc: AnswersDocument): Promise<Problem[]> {
  const rules = stack.hostFiles;
  if (!rules) return [];
  const lineOf = (id: string) => doc.lineOf(id.split('.'));
  const problems: Problem[] = [];
  const files = new Map<string, Uint8Array | undefined>();
  for (const { id, path, tailBytes, fix } of rules.paths(answers)) {
    const read = await deps.files.readAnswered(path, HOST_FILE_MAX_BYTES, tailBytes);
    if ('bytes' in read) {
      files.set(path, read.bytes);
      continue;
    }
    files.set(path, undefined);
    problems.push({ path: id, line: lineOf(id), severity: 'error', message: `points at ${path}, which ${read.problem}`, fix: fix ?? 'Give the path of a regular file on this machine that the user running fieldstation can read.' });
  }
  problems.push(...(await rules.check(answers, files, deps.now())).map((p) => ({ ...p, line: p.line ?? lineOf(p.path) })));
  return problems;
}

async function resolveSecrets(
  deps: Pick<AppDeps, 'env'>,
  args: { loaded: LoadedStack; doc: AnswersDocument; checked: CheckedAnswers; problems: Problem[]; source: string; baseDir: string },
): Promise<LoadedAnswers> {
  const { loaded, doc, checked, problems } = args;
  const secretValues: Record<string, string> = {};
  await Promise.all(
    Object.entries(checked.secretSources).map(async ([id, source]) => {
      if (source.kind === 'generate') return;
      const line = doc.lineOf(id.split('.'));
      const read = await readSecretSource(source, { env: deps.env, baseDir: args.baseDir });
      if ('problem' in read) {
        problems.push({ path: id, line, severity: 'error', message: read.problem, fix: read.fix });
        return;
      }
      const q = loaded.stack.questions.find((x) => x.id === id) as SecretQuestion;
      const issue = secretValueProblem(q, read.value, checked.answers);
      if (issue) problems.push({ path: id, line, severity: 'error', ...issue });
      else secretValues[id] = read.value;
    }),
  );
  if (problems.some((p) => p.severity === 'error')) {
    throw new AnswersError(problems.sort((a, b) => (a.line ?? 1e9) - (b.line ?? 1e9)), args.source);
  }
  const mask = createMasker(Object.entries(secretValues).map(([id, value]) => ({ id, value })));
  return { loaded, source: args.source, baseDir: args.baseDir, checked, secretValues, warnings: problems, mask };
}
