import type { CheckUse } from '../checks/check.js';
import { kindFor, type StepKinds } from './kind.js';
import type { Step } from './step.js';

/** A program the steps start on this machine (not in a container), and the steps that start it. */
export interface HostProgram {
  readonly program: string;
  readonly steps: readonly string[];
}

/**
 * Every program the steps start on the host: the first word of each command line, runs and skip probes
 * alike, in the order the steps first need them. Worked out from the plan, so no list can fall behind it.
 */
export function hostPrograms(steps: readonly Step[], kinds: StepKinds): HostProgram[] {
  const users = new Map<string, string[]>();
  for (const step of steps) {
    for (const run of step.skipIf ? [step.run, step.skipIf] : [step.run]) {
      const program = kindFor(kinds, run).argv?.(run)[0];
      if (program === undefined) continue;
      const ids = users.get(program) ?? [];
      if (!ids.includes(step.id)) ids.push(step.id);
      users.set(program, ids);
    }
  }
  return [...users].map(([program, ids]) => ({ program, steps: ids }));
}

/** The programs no picked check makes sure are installed. */
export function uncheckedPrograms(programs: readonly HostProgram[], uses: readonly CheckUse[]): HostProgram[] {
  const covered = new Set(uses.flatMap((u) => u.programs ?? []));
  return programs.filter((p) => !covered.has(p.program));
}
