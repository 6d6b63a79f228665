import type { Secret } from '../secrets/secret.js';

/** A value passed to a child: plain text, or a secret that is revealed only when the child is started. */
export type ChildValue = string | Secret;

/**
 * One step's work, as data: `kind` names the definition (a StepKind in the stack's registry) that
 * describes it for the plan, runs it and, as a skip probe, checks whether its work is already there.
 */
export interface StepRun {
  readonly kind: string;
}

/**
 * One bootstrap step, as data: the plan prints it, the runner executes it. A command is an argv, never a
 * shell string, and a secret reaches it only through env or stdin (argv shows in `ps` and in error messages).
 */
export interface Step {
  readonly id: string;
  readonly title: string;
  readonly run: StepRun;
  /** Why the step is in the plan only for some answers (printed; the stack already left it out otherwise). */
  readonly when?: string;
  /** What says the step is already done, so a re-run skips it and says why: a run whose kind can probe. */
  readonly skipIf?: StepRun;
  /** Changes or deletes data: needs an explicit confirmation (or --yes-destructive). */
  readonly destructive?: boolean;
  /**
   * Destroys everything on this device (luksFormat, mkfs): the step must be destructive too, and its
   * confirmation is the device path typed back (or --yes-destructive with --wipe-device naming it), never
   * a plain yes: a yes does not say which disk the person thinks of.
   */
  readonly wipes?: { readonly device: string };
  readonly dependsOn?: readonly string[];
  /** Seconds before the step is stopped (TERM, then KILL) and counted as failed. */
  readonly timeoutSeconds?: number;
  /** Extra attempts after a failure, with exponential backoff. */
  readonly retries?: number;
}
