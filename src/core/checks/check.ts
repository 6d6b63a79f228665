import type { Machine } from './machine.js';

/**
 * A preflight check, Ghost-CLI style: one module each, with a stable name (for `--skip-check NAME` and
 * --json), a title, a measurement taken through the Machine port, and a pure judgement of what was
 * measured that says what was found and, when something is wrong, exactly what to do. The shared checks
 * live in src/kit/checks; a stack picks and parameterises them, and may bring its own.
 */
export interface Check<P, F> {
  readonly name: string;
  readonly title: string;
  /** Looks at the machine and changes nothing. */
  measure(machine: Machine, params: P): Promise<F>;
  /** Pure: the verdict on what was measured. */
  judge(fact: F, params: P, context: JudgeContext): Verdict;
  /** The programs on the host it makes sure are installed (docker for the engine's check), so no other check asks again. */
  programs?(params: P): readonly string[];
  /**
   * What goes wrong when the person goes on although it failed, in a sentence: the wizard says it before
   * it lets a failed check be skipped.
   */
  ifSkipped?(params: P): string;
}

export interface JudgeContext {
  /** An earlier bootstrap in this folder got somewhere: what it started (the server's own nginx, say) may be running. */
  readonly rerun: boolean;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface Verdict {
  readonly status: 'pass' | 'warn' | 'fail';
  /** What was found, one line. */
  readonly detail: string;
  /** What to do, when the status is warn or fail; may span a few lines. */
  readonly fix?: string;
}

export interface CheckResult {
  readonly name: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: string;
  /** On a failure: what goes wrong if one goes on without it (see Check.ifSkipped). */
  readonly ifSkipped?: string;
}

/** A check as a stack picked it: with its parameters, under its own name when it is picked twice. */
export interface CheckUse {
  readonly name: string;
  readonly title: string;
  readonly run: (machine: Machine, context: JudgeContext) => Promise<Verdict>;
  /** The host programs it covers (see Check.programs). */
  readonly programs?: readonly string[];
  /** What goes wrong if one goes on although it failed (see Check.ifSkipped). */
  readonly ifSkipped?: string;
}

/** Picks a check with its parameters. `name` tells two uses of one check apart (e.g. tool-openssl). */
export function use<P, F>(check: Check<P, F>, params: P, options: { readonly name?: string; readonly title?: string } = {}): CheckUse {
  return {
    name: options.name ?? check.name,
    title: options.title ?? check.title,
    run: async (machine, context) => check.judge(await check.measure(machine, params), params, context),
    ...(check.programs ? { programs: check.programs(params) } : {}),
    ...(check.ifSkipped ? { ifSkipped: check.ifSkipped(params) } : {}),
  };
}

/** A verdict without an undefined fix, for results that are compared and printed as JSON. */
export const verdict = (status: Verdict['status'], detail: string, fix?: string): Verdict => (fix === undefined ? { status, detail } : { status, detail, fix });
