import type { Problem } from '../errors.js';
import type { StepKinds } from '../steps/kind.js';
import { describeStep } from './describe.js';
import type { Blocked, FilePlan, Plan } from './plan.js';

/**
 * A plan as every frontend shows it: what each file becomes (with its masked diff), the steps as the exact
 * lines `plan` prints, the notes and warnings. It holds no secret value and no file content, so it can
 * go anywhere: the terminal, the Ink screens, --json, an event.
 */
export interface PlanView {
  readonly stack: string;
  readonly dir: string;
  /** Each file as planned, without its content (the diff is masked). */
  readonly files: readonly Omit<FilePlan, 'content'>[];
  readonly blocked: readonly Blocked[];
  readonly steps: readonly { readonly id: string; readonly title: string; readonly lines: readonly string[] }[];
  readonly notes: readonly string[];
  readonly warnings: readonly Problem[];
  /** Secrets generated for this plan (a real apply keeps them when it applies this very plan). */
  readonly generated: readonly string[];
}

export function planView(plan: Plan, kinds: StepKinds, mask: (text: string) => string, generated: readonly string[]): PlanView {
  return {
    stack: plan.stack,
    dir: plan.dir,
    files: plan.files.map(({ content: _content, ...f }) => f),
    blocked: plan.blocked,
    steps: plan.steps.map((s, i) => ({ id: s.id, title: s.title, lines: describeStep(s, i, kinds).map(mask) })),
    notes: plan.notes.map(mask),
    warnings: plan.warnings,
    generated,
  };
}
