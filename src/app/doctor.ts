import type { CheckResult } from '../core/checks/check.js';
import { AnswersError, type Problem } from '../core/errors.js';
import { hasFinishedSteps } from '../core/run/journal.js';
import { Secret } from '../core/secrets/secret.js';
import { aboutOf, type StackAbout, type StackInput } from '../core/stack.js';
import { installStore } from '../io/store.js';
import { readAnswersFile } from './answers.js';
import { readInstalled } from './installed.js';
import { stepsAndChecks } from './plan.js';
import type { AppDeps } from './ports.js';
import { runChecks, validateSkips } from './preflight.js';
import type { LoadedStack } from './stacks.js';
import type { Answers } from '../core/questions/types.js';
import type { AppEvent } from './events.js';

export interface DoctorRequest {
  readonly dir: string;
  /** The answers file; without it, the answers the last apply recorded in DIR. */
  readonly answersPath?: string;
  readonly skipChecks: readonly string[];
}

export interface DoctorOutcome {
  readonly stack: StackAbout;
  /** Where the answers came from, for the output. */
  readonly source: string;
  /** Warnings about the answers. */
  readonly warnings: readonly Problem[];
  readonly results: readonly CheckResult[];
}

/**
 * `fieldstation doctor`: the stack's preflight checks for these answers, measured and judged; changes
 * nothing. Secret values are not read (doctor works before the S3 keys are exported): the steps see
 * stand-ins that are never revealed. After an earlier run got somewhere, its own services may hold the
 * ports: the same judgement as apply's preflight.
 */
export async function doctor(deps: AppDeps, r: DoctorRequest, emit: (event: AppEvent) => void = () => undefined): Promise<DoctorOutcome> {
  const store = installStore(r.dir);
  let loaded: LoadedStack;
  let answers: Answers;
  let source: string;
  let warnings: readonly Problem[] = [];
  if (r.answersPath !== undefined) {
    const read = await readAnswersFile(deps, r.answersPath);
    if (read.problems.some((p) => p.severity === 'error')) throw new AnswersError(read.problems, r.answersPath);
    ({ loaded } = read);
    answers = read.checked.answers;
    warnings = read.problems;
    source = r.answersPath;
  } else {
    const installed = await readInstalled(deps, store, `Pass the answers file: \`fieldstation doctor --answers FILE --dir ${r.dir}\`.`);
    ({ loaded } = installed);
    answers = installed.checked.answers;
    source = store.paths.state;
  }
  const secrets: Record<string, Secret> = {};
  for (const q of loaded.stack.questions) if (q.kind === 'secret') secrets[q.id] = new Secret(q.id, '');
  const input: StackInput = { answers, secrets, previous: {}, dir: r.dir };
  const { checks: uses } = stepsAndChecks(loaded.stack, loaded.kinds, input, r.dir, deps.files);
  const skip = validateSkips(uses, r.skipChecks);
  const results = await runChecks(deps, uses, { skip, rerun: hasFinishedSteps(await store.journal()) });
  emit({ type: 'preflight', results });
  return { stack: aboutOf(loaded.stack), source, warnings, results };
}
