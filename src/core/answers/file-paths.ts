import type { Problem } from '../errors.js';
import type { Answers } from '../questions/types.js';
import { checkAbsolutePath } from '../questions/validators.js';
import { Secret } from '../secrets/secret.js';
import { filePath, type Stack } from '../stack.js';

/**
 * The files a stack writes outside the install folder have paths worked out from the answers (Sticky Pi's
 * TLS settings under `<volume_root>/data/...`). Each answer can be within Linux's limits and the path
 * built from it still over them; apply would then stop with ENAMETOOLONG after the other files were
 * written. So each such path is checked like a path answer, and the answer it starts with is named.
 * Relative paths go into the install folder, which is not an answer (it is --dir), so they are not here.
 */
export function filePathProblems(stack: Stack, answers: Answers): Problem[] {
  return pathProblems(stack, answers, stack.files.map((spec) => filePath(spec, answers)), 'a file that apply writes');
}

/**
 * The same for the folders the bootstrap steps make (Sticky Pi's `<volume_root>/data/certbot/conf/live/
 * <domain>`): a step would fail on them after the files were written. The steps are listed for these
 * answers with stand-ins for the secrets, which no path is made of; only once every answer passed, since
 * a stack's steps may count on valid answers.
 */
export function stepPathProblems(stack: Stack, answers: Answers): Problem[] {
  const secrets = Object.fromEntries(stack.questions.filter((q) => q.kind === 'secret').map((q) => [q.id, new Secret(q.id, '')]));
  // A kind the stack did not register is its bug, reported when the plan checks its steps, not here.
  const kinds = new Map(stack.stepKinds.map((k) => [k.kind, k]));
  const folders = stack.steps({ answers, secrets, previous: {}, dir: '/' }).flatMap((step) => kinds.get(step.run.kind)?.writes?.(step.run) ?? []);
  return pathProblems(stack, answers, folders, 'a folder that a bootstrap step makes');
}

/** One problem per answer at most: the first path built on it that is over a limit. */
function pathProblems(stack: Stack, answers: Answers, paths: readonly string[], what: string): Problem[] {
  const problems: Problem[] = [];
  for (const path of paths) {
    if (!path.startsWith('/')) continue;
    const issue = checkAbsolutePath(path);
    if (issue === undefined) continue;
    const from = answerUnder(stack, answers, path);
    if (problems.some((p) => p.path === (from?.id ?? ''))) continue;
    const shown = from ? `<${from.id}>${path.slice(from.value.length)}` : path;
    problems.push({
      path: from?.id ?? '',
      severity: 'error',
      message: `puts ${what} at ${shown}, a path that ${issue}`,
      fix: from ? `Give a shorter ${from.id}: apply writes ${path.slice(from.value.length)} below it.` : 'Change the answers this path is made of.',
    });
  }
  return problems;
}

/** The answer a path is built on: the longest text answer the path starts with (a folder, mostly). */
function answerUnder(stack: Stack, answers: Answers, path: string): { id: string; value: string } | undefined {
  let best: { id: string; value: string } | undefined;
  for (const q of stack.questions) {
    const value = answers[q.id];
    if (typeof value !== 'string' || value === '' || !path.startsWith(value)) continue;
    if (!best || value.length > best.value.length) best = { id: q.id, value };
  }
  return best;
}
