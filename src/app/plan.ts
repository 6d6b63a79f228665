import type { CheckUse } from '../core/checks/check.js';
import { AnswersError, BugError } from '../core/errors.js';
import { buildPlan, renderFiles, type CurrentFile, type Plan } from '../core/plan/plan.js';
import { installFolderBlock } from '../core/plan/install-folder.js';
import { planView, type PlanView } from '../core/plan/view.js';
import type { SecretQuestion } from '../core/questions/types.js';
import { createRenderer, RenderError } from '../core/render/engine.js';
import { createMasker, type KnownSecret } from '../core/secrets/mask.js';
import { settleSecrets } from '../core/secrets/policy.js';
import { Secret } from '../core/secrets/secret.js';
import { readStoredSecrets } from '../core/secrets/stored.js';
import { aboutOf, filePath, filesFor, installFolderFor, type Stack, type StackInput } from '../core/stack.js';
import { kindFor, type StepKinds } from '../core/steps/kind.js';
import { hostPrograms, uncheckedPrograms } from '../core/steps/programs.js';
import type { Step } from '../core/steps/step.js';
import { assertValidSteps } from '../core/run/schedule.js';
import type { HostFiles } from '../io/host-files.js';
import { loadAnswers, type AnswersSource, type LoadedAnswers } from './answers.js';
import { inspectInstallFolder, installFolderCheck } from './install-folder.js';
import type { AppEvent } from './events.js';
import { absolute } from './paths.js';
import type { AppDeps } from './ports.js';

export interface PlannedInstall {
  readonly answers: LoadedAnswers;
  readonly plan: Plan;
  /** The plan as every frontend shows it (no secret in it). */
  readonly view: PlanView;
  readonly input: StackInput;
  /** Masks every secret we know of, new and on disk; apply it to anything printed or logged. */
  readonly mask: (text: string) => string;
  /** The preflight checks the stack picked for these answers. */
  readonly checks: readonly CheckUse[];
}

/** The install folder and every folder a step creates or writes: what the privileges check looks at. */
function writePathsOf(dir: string, steps: readonly Step[], kinds: StepKinds): string[] {
  const paths = [dir, ...steps.flatMap((s) => kindFor(kinds, s.run).writes?.(s.run) ?? [])];
  return [...new Set(paths)];
}

/** The stack's steps for this input, checked as a graph of registered kinds (a bug in the stack otherwise). */
function stepsOf(stack: Stack, kinds: StepKinds, input: StackInput): readonly Step[] {
  const steps = stack.steps(input);
  assertValidSteps(stack.id, steps, kinds);
  return steps;
}

/**
 * The stack's steps for this input, and the preflight checks it picks for them: they look at what the
 * steps write and at every program the steps start here; a program no check covers is a bug in the stack.
 */
export function stepsAndChecks(stack: Stack, kinds: StepKinds, input: StackInput, dir: string, files: HostFiles): { steps: readonly Step[]; checks: readonly CheckUse[] } {
  const steps = stepsOf(stack, kinds, input);
  const programs = hostPrograms(steps, kinds);
  const picked = stack.checks(input, { writePaths: writePathsOf(dir, steps, kinds), programs });
  const unchecked = uncheckedPrograms(programs, picked);
  if (unchecked.length) {
    throw new BugError(`${stack.id} runs ${unchecked.map((p) => `${p.program} (${p.steps.join(', ')})`).join(', ')} on this machine, but no preflight check makes sure it is installed`);
  }
  // First: in the wrong folder, nothing else matters.
  const folder = installFolderFor(stack, input.answers);
  return { steps, checks: folder ? [installFolderCheck(files, dir, folder), ...picked] : picked };
}

/** The stack's targets (as it names them) that a git checkout tracks: an upstream checkout's own .env, say. */
async function trackedTargets(files: HostFiles, stack: Stack, answers: StackInput['answers'], dir: string): Promise<Set<string>> {
  const paths = stack.files.map((f) => filePath(f, answers));
  const tracked = await files.tracked(paths.map((p) => absolute(dir, p)));
  return new Set(paths.filter((p) => tracked.has(absolute(dir, p))));
}

/**
 * Reads what is on disk, settles every secret (given, kept from the files already written, or generated),
 * renders the files and compares them with what is there. Changes nothing.
 */
export async function planInstall(deps: Pick<AppDeps, 'files' | 'random'>, answers: LoadedAnswers, dir: string): Promise<PlannedInstall> {
  const { stack, kinds } = answers.loaded;
  const { checked } = answers;
  const current = new Map<string, CurrentFile>();
  await Promise.all(filesFor(stack.files, checked.answers).map(async (f) => {
    const path = filePath(f, checked.answers);
    current.set(path, await deps.files.read(absolute(dir, path)));
  }));
  const stored = readStoredSecrets(stack, (file) => {
    const now = current.get(file);
    return now?.kind === 'file' ? now.content : undefined;
  });
  const questions = stack.questions.filter((q): q is SecretQuestion => q.kind === 'secret');
  const settled = settleSecrets({
    questions,
    sources: checked.secretSources,
    given: answers.secretValues,
    stored,
    answers: checked.answers,
    random: deps.random,
  });
  if (settled.problems.length) throw new AnswersError([...answers.warnings, ...settled.problems], answers.source);

  const secrets: Record<string, Secret> = {};
  const known: KnownSecret[] = [];
  for (const d of settled.decisions) {
    secrets[d.id] = new Secret(d.id, d.value);
    known.push({ id: d.id, value: d.value });
  }
  for (const [id, value] of Object.entries(stored)) known.push({ id: `${id} (previous)`, value });
  const mask = createMasker(known);
  const previous = Object.fromEntries(Object.entries(stored).map(([id, value]) => [id, new Secret(id, value)]));

  const input: StackInput = { answers: checked.answers, secrets, previous, dir };
  const templates = await answers.loaded.templates();
  let rendered;
  try {
    rendered = renderFiles(stack, input, templates, createRenderer());
  } catch (error) {
    if (error instanceof RenderError) throw new BugError(mask(`A validated answer could not be rendered (${error.message}).`));
    throw error;
  }
  const { steps, checks } = stepsAndChecks(stack, kinds, input, dir, deps.files);
  // Checked here, not only by the preflight: apply --skip-bootstrap runs none, and must not write either.
  const spec = installFolderFor(stack, checked.answers);
  const folder = spec && installFolderBlock(spec, dir, await inspectInstallFolder(deps.files, dir, spec));
  const tracked = await trackedTargets(deps.files, stack, checked.answers, dir);
  const plan = buildPlan({ stack, input, steps, rendered, current, mask, warnings: answers.warnings, tracked, ...(folder ? { blocked: [folder] } : {}) });
  const generated = settled.decisions.filter((d) => d.action === 'generate').map((d) => d.id);
  return {
    answers,
    plan,
    view: planView(plan, kinds, mask, generated),
    input,
    mask,
    checks,
  };
}

export interface PlanRequest {
  readonly source: AnswersSource;
  readonly dir: string;
}

/**
 * `fieldstation plan` (and the first half of install): the answers loaded and checked, then planned.
 * Emits what it found as it goes; changes nothing.
 */
export async function plan(deps: Pick<AppDeps, 'stacks' | 'templatesRoot' | 'env' | 'files' | 'random' | 'now'>, r: PlanRequest, emit: (event: AppEvent) => void = () => undefined): Promise<PlannedInstall> {
  const answers = await loadAnswers(deps, r.source);
  emit({ type: 'answers-checked', stack: aboutOf(answers.loaded.stack), source: answers.source, warnings: answers.warnings, mask: answers.mask });
  const planned = await planInstall(deps, answers, r.dir);
  emit({ type: 'plan-ready', plan: planned.view, mask: planned.mask });
  return planned;
}
