import type { Problem } from '../errors.js';
import type { Answers } from '../questions/types.js';
import { checkAbsolutePath } from '../questions/validators.js';
import { filePath, type Stack } from '../stack.js';

/**
 * The files a stack writes outside the install folder have paths worked out from the answers (Sticky Pi's
 * TLS settings under `<volume_root>/data/...`). Each answer can be within Linux's limits and the path
 * built from it still over them; apply would then stop with ENAMETOOLONG after the other files were
 * written. So each such path is checked like a path answer, and the answer it starts with is named.
 * Relative paths go into the install folder, which is not an answer (it is --dir), so they are not here.
 */
export function filePathProblems(stack: Stack, answers: Answers): Problem[] {
  const problems: Problem[] = [];
  for (const spec of stack.files) {
    const path = filePath(spec, answers);
    if (!path.startsWith('/')) continue;
    const issue = checkAbsolutePath(path);
    if (issue === undefined) continue;
    const from = answerUnder(stack, answers, path);
    const shown = from ? `<${from.id}>${path.slice(from.value.length)}` : path;
    problems.push({
      path: from?.id ?? '',
      severity: 'error',
      message: `puts a file that apply writes at ${shown}, a path that ${issue}`,
      fix: from ? `Give a shorter ${from.id}: apply writes ${path.slice(from.value.length)} below it.` : 'Change the answers this path is made of.',
    });
  }
  return problems;
}

/** The answer a file path is built on: the longest text answer the path starts with (a folder, mostly). */
function answerUnder(stack: Stack, answers: Answers, path: string): { id: string; value: string } | undefined {
  let best: { id: string; value: string } | undefined;
  for (const q of stack.questions) {
    const value = answers[q.id];
    if (typeof value !== 'string' || value === '' || !path.startsWith(value)) continue;
    if (!best || value.length > best.value.length) best = { id: q.id, value };
  }
  return best;
}
