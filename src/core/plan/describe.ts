import { kindFor, type StepKinds } from '../steps/kind.js';
import type { Step, StepRun } from '../steps/step.js';
import type { PlanView } from './view.js';
import { octal, showWord } from './words.js';

/** What a skip probe checks, in words: "X exists", "GET url answers ...". */
export function describeProbe(run: StepRun, kinds: StepKinds): string {
  return kindFor(kinds, run).describeProbe?.(run) ?? `the ${run.kind} probe says so`;
}

/** Under a file that a git checkout tracks: the checkout will look changed, on purpose. */
export const TRACKED_NOTE = 'tracked by git: apply replaces the committed version, so `git status` shows it modified';

/** How the plan marks a step that changes or deletes data, and what it will take to run it. */
export const destructiveMark = (step: Pick<Step, 'destructive' | 'wipes'>): string =>
  step.wipes ? ` [destructive: wipes ${step.wipes.device}, asks you to type the device path]` : step.destructive ? ' [destructive: asks first]' : '';

export function describeStep(step: Step, index: number, kinds: StepKinds): string[] {
  const lines = [`${index + 1}. ${step.id}: ${step.title}${destructiveMark(step)}`];
  for (const line of kindFor(kinds, step.run).describe(step.run)) lines.push(`     ${line}`);
  if (step.wipes) lines.push(`     without a terminal it runs only with --yes-destructive --wipe-device ${showWord(step.wipes.device)}`);
  if (step.when) lines.push(`     only ${step.when}`);
  if (step.skipIf) lines.push(`     skipped if ${describeProbe(step.skipIf, kinds)}`);
  if (step.dependsOn?.length) lines.push(`     after: ${step.dependsOn.join(', ')}`);
  return lines;
}

/** The plan as text for people: safe to print (diffs are masked, secrets in steps print as masks). */
export function describePlan(plan: PlanView, options: { diffs: boolean }): string {
  const out: string[] = [`Plan for ${plan.stack} in ${plan.dir}`, ''];
  const counts = { new: 0, changed: 0, unchanged: 0 };
  for (const f of plan.files) counts[f.status]++;
  out.push(`Files: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged`);
  for (const f of plan.files) {
    const modeNote = f.previousMode !== undefined && f.previousMode !== f.mode ? `, mode ${octal(f.previousMode)} -> ${octal(f.mode)}` : '';
    out.push(`  ${f.status.padEnd(9)} ${f.path}  (mode ${octal(f.mode)}${f.secret ? ', secrets' : ''}${modeNote}) ${f.description}`);
    if (f.tracked) out.push(`            ${TRACKED_NOTE}`);
  }
  for (const b of plan.blocked) out.push(`  BLOCKED   ${b.path} ${b.reason}`, ...(b.fix ? [`            fix: ${b.fix}`] : []));
  if (options.diffs) {
    for (const f of plan.files.filter((x) => x.diff !== '')) out.push('', f.diff);
  }
  out.push('', `Bootstrap steps (${plan.steps.length}):`);
  for (const s of plan.steps) out.push(...s.lines.map((l) => `  ${l}`));
  if (plan.notes.length) {
    out.push('', 'Notes:');
    for (const n of plan.notes) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}
