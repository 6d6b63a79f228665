import type { CheckResult } from '../checks/check.js';
import type { StackAbout } from '../stack.js';

/** What writing the files did. */
export interface FilesWritten {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly backupDir?: string;
  readonly statePath: string;
  readonly removedTemporaries: readonly string[];
  /** The install folder is in a git checkout: fieldstation's own folder and added files in its info/exclude (added now, there already, or not writable). */
  readonly gitExclude?: { readonly file: string; readonly line: string; readonly status: 'added' | 'present' | 'failed'; readonly error?: string };
}

/** What became of the git exclude line, for people; nothing when it was there already or there is no checkout. */
export function gitExcludeNote(files: FilesWritten): string | undefined {
  const g = files.gitExclude;
  if (g?.status === 'added') return `Kept fieldstation's own files out of git: added ${g.line} to ${g.file}.`;
  if (g?.status === 'failed') return `Could not add ${g.line} to ${g.file} (${g.error ?? 'not writable'}): add those lines yourself, or \`git status\` lists fieldstation's files.`;
  return undefined;
}

/**
 * How an install or a resume ended. `declined`: the plan was not confirmed; `refused`: a preflight check
 * failed or a target cannot be written (nothing was written); `written`: files only (--skip-bootstrap);
 * otherwise how the bootstrap ended.
 */
export interface RunOutcome {
  readonly status: 'succeeded' | 'failed' | 'interrupted' | 'written' | 'refused' | 'declined';
  readonly stack: StackAbout;
  readonly dir: string;
  /** Why it was refused, or why there was nothing to do. */
  readonly message?: string;
  /** What to do about a refusal, one line each. */
  readonly hints?: readonly string[];
  readonly preflight?: readonly CheckResult[];
  readonly files?: FilesWritten;
  /** DIR/.fieldstation/answers.yaml (the wizard): the answers for a replay, secrets only as references. */
  readonly answersPath?: string;
  readonly logPath?: string;
  readonly failed?: { readonly id: string; readonly error: string; readonly tail: readonly string[] };
  /** The health gates the run passed, one line each. */
  readonly checks: readonly string[];
  /** Next steps: DNS records, where things are (masked). */
  readonly notes: readonly string[];
  readonly resumeCommand: string;
}
