import { verdict, type Verdict } from '../checks/check.js';
import { listWords } from '../checks/words.js';
import type { InstallFolder } from '../stack.js';
import type { Blocked } from './plan.js';

/** What is in the install folder, as io found it: whether it exists, and which of the files it must hold are not there. */
export interface InstallFolderFact {
  readonly exists: boolean;
  readonly missing: readonly string[];
}

/** Why the folder cannot be installed into, after its path; undefined when it holds what it must. */
export function installFolderProblem(spec: InstallFolder, fact: InstallFolderFact): string | undefined {
  if (!fact.exists) return `does not exist: it must be ${spec.what}, which holds ${listWords(spec.contains)}`;
  if (fact.missing.length === 0) return undefined;
  return `is not ${spec.what}: ${listWords(fact.missing)} ${fact.missing.length === 1 ? 'is' : 'are'} missing`;
}

/** The plan's blocker for a folder that is not what the stack needs. */
export function installFolderBlock(spec: InstallFolder, dir: string, fact: InstallFolderFact): Blocked | undefined {
  const problem = installFolderProblem(spec, fact);
  return problem === undefined ? undefined : { path: dir, reason: problem, fix: spec.get };
}

/** The same, as doctor's install-folder check says it. */
export function judgeInstallFolder(spec: InstallFolder, dir: string, fact: InstallFolderFact): Verdict {
  const problem = installFolderProblem(spec, fact);
  return problem === undefined
    ? verdict('pass', `${dir} holds ${listWords(spec.contains)}, as ${spec.what} does`)
    : verdict('fail', `${dir} ${problem}`, spec.get);
}
