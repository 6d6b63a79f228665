import type { AppEvent } from '../../../src/app/events.js';
import type { BlockDevice } from '../../../src/app/ports.js';
import { driveSession, type EffectContext, type Session } from '../../../src/app/session.js';
import type { CheckResult } from '../../../src/core/checks/check.js';
import type { Problem } from '../../../src/core/errors.js';
import type { PlanView } from '../../../src/core/plan/view.js';
import type { RunEvent } from '../../../src/core/run/events.js';
import { startSession, type ChecksChoice, type Effect, type InstallStatus, type SessionInput, type StepQuestion } from '../../../src/core/session/flow.js';
import type { DraftSaved, DraftToSave } from '../../../src/core/session/draft.js';
import type { FilesWritten, RunOutcome } from '../../../src/core/session/outcome.js';
import { aboutOf, type Stack, type StackAbout } from '../../../src/core/stack.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { DIR, filesWritten, planFor } from './beacon-run.js';

/**
 * The real session (driveSession over the real pure flow) with scripted effects, for both frontends'
 * tests: no service runs. Loading answers with Beacon (or the stack the test gives) and the InstallStatus
 * the test chooses; the install effect records the answers and answers with a plan (Beacon's real files,
 * steps and notes, fixed diffs) or with problems; once the plan is confirmed (or a resume starts) a run
 * begins that the test drives: preflight results, files written, the runner's events, then the outcome.
 * Every result reaches the session as createSession would send it, and as an event to `onEvent` listeners.
 */

/** An install (after its plan was confirmed) or a resume, driven by the test. */
export interface ScriptedRun {
  readonly kind: 'install' | 'resume';
  /** The answers the install was started with; undefined for a resume. */
  readonly answers: Readonly<Record<string, unknown>> | undefined;
  /** Whether the session asked it to stop (Ctrl-C confirmed, or a signal). */
  readonly stopped: boolean;
  /** Resolves when the session asks it to stop, as the runner's abort signal would fire. */
  readonly stopping: Promise<void>;
  /** The machine's checks, before anything is written. */
  preflight(results: readonly CheckResult[]): void;
  /** A check failed: the session shows the choices; resolves with the person's. */
  checksFailed(results: readonly CheckResult[]): Promise<ChecksChoice>;
  /** Before a destructive step, as the runner asks: resolves with whether it runs. */
  confirmStep(question: StepQuestion): Promise<boolean>;
  /** The files were written (by default Beacon's two files in DIR). */
  filesWritten(files?: FilesWritten): void;
  /** The runner's events, in order. */
  emit(...events: RunEvent[]): void;
  /** How it ended. */
  finish(outcome: RunOutcome): void;
}

/** What the install service answers for these answers (the `call`-th install): a plan, problems, or an unexpected failure. */
export type InstallAnswer = PlanView | readonly Problem[] | Error;

export interface ScriptOptions {
  readonly dir?: string;
  /** The servers fieldstation knows (the picker shows them when there are several and none is given). */
  readonly servers?: readonly StackAbout[];
  /** --stack, or the server of the install already in DIR. */
  readonly stackId?: string;
  /** What loading a server id gives. */
  readonly stacks?: readonly Stack[];
  /** What the folder holds. */
  readonly install?: InstallStatus;
  /** Hold a load until the test calls `load()`. */
  readonly holdLoad?: boolean;
  /** What the install service answers; by default the plan of Beacon's real files, steps and notes. */
  readonly plan?: (answers: Readonly<Record<string, unknown>>, call: number) => InstallAnswer;
  /** What a run does once it starts; by default nothing: the test drives it from `runs`. */
  readonly run?: (run: ScriptedRun) => void | Promise<void>;
  /** What the device lister answers. */
  readonly devices?: readonly BlockDevice[] | Error;
  /** What saving a draft answers; by default saved in DIR/.fieldstation/draft.yaml, typed secrets as files. */
  readonly saveDraft?: (draft: DraftToSave) => DraftSaved;
}

/** Where a draft goes, as the store names it. */
export const draftSaved = (dir: string, draft: DraftToSave): DraftSaved => ({
  path: `${dir}/.fieldstation/draft.yaml`,
  answers: Object.keys(draft.answers).length,
  secretFiles: Object.entries(draft.secrets).filter(([, c]) => c.kind === 'value').map(([id]) => id),
  secretsDir: `${dir}/.fieldstation/draft-secrets`,
});

export interface Script {
  readonly session: Session;
  /** Every server id loaded, in order. */
  readonly loads: string[];
  /** The answers of every install effect (what would go to the install service), in order. */
  readonly installs: Record<string, unknown>[];
  /** Each plan's confirmation: true applied, false declined. */
  readonly confirms: boolean[];
  /** Every run started: installs once confirmed, and resumes. */
  readonly runs: ScriptedRun[];
  /** Every exit code the session ended with. */
  readonly exits: number[];
  /** Every draft the session asked to save, and how many times it asked to discard the one found. */
  readonly drafts: DraftToSave[];
  readonly discards: number;
  readonly deviceLookups: number;
  /** Answers a held load. */
  load(): void;
  /** Feeds an input to the session as an effect's result would. */
  send(input: SessionInput): void;
}

export function scriptedSession(options: ScriptOptions = {}): Script {
  const dir = options.dir ?? DIR;
  const stacks = options.stacks ?? [beacon];
  const servers = options.servers ?? stacks.map(aboutOf);
  const held: (() => void)[] = [];
  let ctx!: EffectContext;
  let current: (ScriptedRun & { stop(): void }) | undefined;
  let lookups = 0;
  let discards = 0;
  let decide: ((choice: ChecksChoice) => void) | undefined;
  let decideStep: ((run: boolean) => void) | undefined;
  const later = (f: () => void) => void Promise.resolve().then(f);

  const emit = (event: AppEvent, input: SessionInput) => {
    ctx.emit(event);
    ctx.send(input);
  };
  const startRun = (kind: ScriptedRun['kind'], answers: Readonly<Record<string, unknown>> | undefined) => {
    let stopped = false;
    let resolveStop!: () => void;
    const stopping = new Promise<void>((resolve) => (resolveStop = resolve));
    const run = {
      kind,
      answers,
      get stopped() {
        return stopped;
      },
      stopping,
      stop() {
        stopped = true;
        resolveStop();
      },
      preflight: (results: readonly CheckResult[]) => emit({ type: 'preflight', results }, { type: 'preflight', results }),
      checksFailed: (results: readonly CheckResult[]) =>
        new Promise<ChecksChoice>((resolve) => {
          decide = resolve;
          ctx.send({ type: 'checks-failed', results });
        }),
      confirmStep: (question: StepQuestion) =>
        new Promise<boolean>((resolve) => {
          decideStep = resolve;
          ctx.send({ type: 'step-question', question });
        }),
      filesWritten: (files: FilesWritten = filesWritten(dir)) => emit({ type: 'files-written', files }, { type: 'files-written' }),
      emit: (...events: RunEvent[]) => events.forEach((e) => emit(e, { type: 'run-event', event: e })),
      finish: (outcome: RunOutcome) => ctx.send({ type: 'finished', outcome }),
    };
    current = run;
    script.runs.push(run);
    if (options.run) later(() => void options.run!(run));
  };

  const perform = (effect: Effect, c: EffectContext): void => {
    ctx = c;
    switch (effect.kind) {
      case 'load': {
        script.loads.push(effect.id);
        const stack = stacks.find((s) => s.id === effect.id);
        const answer = () => (stack ? c.send({ type: 'loaded', stack: { about: aboutOf(stack), questions: stack.questions }, install: options.install ?? { kind: 'fresh' } }) : c.fail(new Error(`no stack ${effect.id} in this test`)));
        if (options.holdLoad) held.push(answer);
        else later(answer);
        return;
      }
      case 'install': {
        const answers = structuredClone(effect.answers) as Record<string, unknown>;
        script.installs.push(answers);
        const stack = stacks.find((s) => s.id === c.state().stack?.about.id) ?? beacon;
        const result = options.plan ? options.plan(answers, script.installs.length) : planFor(stack, answers, dir);
        later(() => {
          if (result instanceof Error) c.fail(result);
          else if (Array.isArray(result)) c.send({ type: 'problems', problems: result as readonly Problem[] });
          else {
            const plan = result as PlanView;
            c.emit({ type: 'plan-ready', plan, mask: (text) => text });
            c.send({ type: 'planned', plan });
          }
        });
        return;
      }
      case 'confirm':
        script.confirms.push(effect.ok);
        // Declined: the install service ends at once, and the flow ignores it (the review is back already).
        if (effect.ok) startRun('install', script.installs[script.installs.length - 1]);
        else later(() => c.send({ type: 'finished', outcome: { status: 'declined', stack: c.state().stack?.about ?? aboutOf(beacon), dir, message: 'Nothing was written.', checks: [], notes: [], resumeCommand: '' } }));
        return;
      case 'resume':
        startRun('resume', undefined);
        return;
      case 'stop':
        current?.stop();
        return;
      case 'checks-decision': {
        const d = decide;
        decide = undefined;
        d?.(effect.decision);
        return;
      }
      case 'step-decision': {
        const d = decideStep;
        decideStep = undefined;
        d?.(effect.run);
        return;
      }
      case 'save-draft':
        script.drafts.push(structuredClone(effect.draft) as DraftToSave);
        later(() => c.send({ type: 'draft-saved', saved: (options.saveDraft ?? ((d) => draftSaved(dir, d)))(effect.draft) }));
        return;
      case 'discard-draft':
        discards++;
        return;
      case 'exit':
        script.exits.push(effect.code);
        // As the real session does: a run waiting on failed checks is answered "back".
        decide?.({ kind: 'back' });
        decide = undefined;
        // ...and a destructive step waiting for its answer is not run.
        decideStep?.(false);
        decideStep = undefined;
        return;
    }
  };

  const session = driveSession(startSession(dir, servers, options.stackId), perform, async () => {
    lookups++;
    const d = options.devices ?? [];
    if (d instanceof Error) throw d;
    return d;
  });
  const script: Script = {
    session,
    loads: [],
    installs: [],
    confirms: [],
    runs: [],
    exits: [],
    drafts: [],
    get discards() {
      return discards;
    },
    get deviceLookups() {
      return lookups;
    },
    load: () => held.splice(0).forEach((answer) => answer()),
    send: (input) => session.send(input),
  };
  return script;
}
