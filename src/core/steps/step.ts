import type { Secret } from '../secrets/secret.js';

/** A value passed to a child: plain text, or a secret that is revealed only when the child is started. */
export type ChildValue = string | Secret;

/** What says a step is already done, so a re-run skips it and says why. Data, so `plan` can print it. */
export type Probe =
  | { readonly kind: 'path-exists'; readonly path: string }
  | { readonly kind: 'exec'; readonly argv: readonly string[]; readonly env?: Readonly<Record<string, ChildValue>> };

export interface HttpCheck {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** HTTP basic auth; the password is a secret and is never printed. */
  readonly basicAuth?: { readonly user: string; readonly password: Secret };
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: ChildValue;
  /** What a healthy answer looks like, in words, and the JSON keys it must have. */
  readonly expect: { readonly status: number; readonly jsonKeys?: readonly string[]; readonly description: string };
  /** Keep trying until this many seconds have passed. */
  readonly deadlineSeconds: number;
}

/**
 * One bootstrap step, as data: the plan prints it, the runner executes it. A command is an argv, never a
 * shell string, and a secret reaches it only through env or stdin (argv shows in `ps` and in error messages).
 */
export interface Step {
  readonly id: string;
  readonly title: string;
  readonly run:
    | { readonly kind: 'exec'; readonly argv: readonly string[]; readonly cwd?: string; readonly env?: Readonly<Record<string, ChildValue>>; readonly stdin?: ChildValue }
    | { readonly kind: 'mkdir'; readonly paths: readonly string[]; readonly mode: number }
    | { readonly kind: 'http'; readonly check: HttpCheck };
  /** Why the step is in the plan only for some answers (printed; the stack already left it out otherwise). */
  readonly when?: string;
  readonly skipIf?: Probe;
  /** Changes or deletes data: needs an explicit confirmation. */
  readonly destructive?: boolean;
  readonly dependsOn?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly retries?: number;
}
