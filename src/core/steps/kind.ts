import type { Step, StepRun } from './step.js';

/** What an executor tells the runner about one attempt. `error` is for people, and must hold no secret. */
export type Outcome = { readonly ok: true; readonly detail?: string } | { readonly ok: false; readonly error: string };

/** How steps run on this machine, decided once by the caller (the CLI's flags, the tests). */
export interface RunSettings {
  /** The environment children start with (PATH finds their programs). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long a stopped child gets between SIGTERM and SIGKILL. */
  readonly graceMs: number;
  /** For HTTP checks: connect to this host and port instead of where DNS points (like curl's --connect-to). */
  readonly connectTo?: { readonly host: string; readonly port: number };
  /**
   * For HTTP checks: keep trying for at most this many seconds, whatever the step's own deadline (a test
   * switch: a gate that fails on purpose would otherwise hold a test for minutes).
   */
  readonly httpDeadlineCapSeconds?: number;
}

export interface ExecuteContext {
  /** Aborted on Ctrl-C, SIGTERM, SIGHUP or the step's timeout: stop at once, children included. */
  readonly signal: AbortSignal;
  /** One line of output or progress, already free of escape sequences that move the cursor. */
  readonly onLine: (line: string, stream: 'stdout' | 'stderr' | 'info') => void;
  readonly settings: RunSettings;
}

/**
 * A kind of step, as the stack's registry knows it: how the plan shows it, how it runs, and how it answers
 * as a skip probe. The shared kinds live in src/kit/steps; a stack may bring its own. Effects are loaded
 * only when a step of the kind runs, so planning never pays for the database clients.
 */
export interface StepKind<R extends StepRun = StepRun> {
  readonly kind: R['kind'];
  /** The lines the plan prints under the step's title: exact commands and checks (secrets print masked). */
  describe(run: R): readonly string[];
  /** Runs it. Expected failures are an outcome, never a throw. Absent for probe-only kinds. */
  execute?(run: R, ctx: ExecuteContext): Promise<Outcome>;
  /** As a skip probe: true when the work is already there. Anything unexpected is "no". */
  probe?(run: R, ctx: ExecuteContext): Promise<boolean>;
  /** As a skip probe, in words: "X exists". */
  describeProbe?(run: R): string;
  /** Folders it creates or writes in: the privileges check makes sure they can be. */
  writes?(run: R): readonly string[];
  /** The words of the command line it starts: a secret there would show in `ps`, so the step is refused. */
  argv?(run: R): readonly string[];
  /** Its success is a health gate: what it found goes into the final summary. */
  readonly gate?: boolean;
}

// A registry holds kinds of many run types; each is only ever called with runs of its own kind.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepKind = StepKind<any>;
export type StepKinds = ReadonlyMap<string, AnyStepKind>;

/** One registry from a stack's kinds; two definitions of one kind are a bug in the stack. */
export function stepKinds(kinds: readonly AnyStepKind[]): StepKinds {
  const registry = new Map<string, AnyStepKind>();
  for (const k of kinds) {
    if (registry.has(k.kind)) throw new Error(`two step kinds are named "${k.kind}"`);
    registry.set(k.kind, k);
  }
  return registry;
}

/** Steps the registry cannot run: an unknown kind, or a skip probe of a kind that cannot probe. */
export function unknownKinds(steps: readonly Step[], kinds: StepKinds): string[] {
  const problems: string[] = [];
  for (const s of steps) {
    const kind = kinds.get(s.run.kind);
    if (!kind) problems.push(`step ${s.id} is of kind "${s.run.kind}", which is not registered`);
    else if (!kind.execute) problems.push(`step ${s.id} is of kind "${s.run.kind}", which can only probe`);
    if (s.skipIf && !kinds.get(s.skipIf.kind)?.probe) problems.push(`step ${s.id} is skipped by a "${s.skipIf.kind}" probe, which no registered kind answers`);
  }
  return problems;
}

/** The kind of a run; unknown kinds are a bug in the stack (checked before anything runs). */
export function kindFor(kinds: StepKinds, run: StepRun): AnyStepKind {
  const kind = kinds.get(run.kind);
  if (!kind) throw new Error(`no step kind "${run.kind}" is registered`);
  return kind;
}
