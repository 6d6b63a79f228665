import { BugError } from '../errors.js';
import { unknownKinds, type StepKinds } from '../steps/kind.js';
import type { Step } from '../steps/step.js';

/** Problems with a list of steps as a graph: duplicate ids, unknown dependencies, cycles. */
export function checkGraph(steps: readonly Step[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) problems.push(`step id ${s.id} is used twice`);
    ids.add(s.id);
  }
  for (const s of steps) for (const d of s.dependsOn ?? []) if (!ids.has(d)) problems.push(`step ${s.id} depends on unknown step ${d}`);
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(steps.map((s) => [s.id, s]));
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push(`steps depend on each other in a circle: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const d of byId.get(id)?.dependsOn ?? []) if (byId.has(d)) visit(d, [...path, id]);
    state.set(id, 'done');
  };
  for (const s of steps) visit(s.id, []);
  return problems;
}

export type Progress = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'interrupted';

/**
 * Steps that may start now: pending, with every dependency done or skipped. Independent steps are
 * returned together so they run in parallel and the run takes as long as its critical path.
 */
export function readySteps(steps: readonly Step[], progress: ReadonlyMap<string, Progress>): Step[] {
  const finished = (id: string) => progress.get(id) === 'done' || progress.get(id) === 'skipped';
  return steps.filter((s) => progress.get(s.id) === 'pending' && (s.dependsOn ?? []).every(finished));
}

/** Backoff before attempt `next` (2, 3, ...): doubling from `baseMs`, capped at `maxMs`. */
export const backoffMs = (next: number, baseMs: number, maxMs = 30_000): number => Math.min(maxMs, baseMs * 2 ** (next - 2));

/** A stack's steps must form a graph of registered kinds: otherwise the stack has a bug, told as one. */
export function assertValidSteps(stackId: string, steps: readonly Step[], kinds: StepKinds): void {
  const problems = [...checkGraph(steps), ...unknownKinds(steps, kinds), ...steps.filter((s) => s.wipes && !s.destructive).map((s) => `step ${s.id} wipes ${s.wipes!.device} but is not marked destructive`)];
  if (problems.length) throw new BugError(`the steps of ${stackId} do not form a valid plan: ${problems.join('; ')}`);
}
