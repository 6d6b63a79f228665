import { ANSWERS_FILE_VERSION } from '../core/answers/answers-file.js';
import { nest } from '../core/answers/nesting.js';
import { AnswersError, FieldstationError } from '../core/errors.js';
import { destructiveConsent, type ConsentFlags } from '../core/run/consent.js';
import { advance, startSession, type ChecksChoice, type Effect, type SessionInput, type SessionState, type StepQuestion } from '../core/session/flow.js';
import { isKeepCurrent } from '../core/wizard/machine.js';
import type { RunOutcome } from '../core/session/outcome.js';
import { aboutOf, type StackAbout } from '../core/stack.js';
import type { Step } from '../core/steps/step.js';
import { installStore, type InstallStore } from '../io/store.js';
import type { AppEvent } from './events.js';
import { inspectInstall } from './inspect.js';
import type { RunHooks } from './install.js';
import { resumeCommand } from './paths.js';
import type { AppDeps, BlockDevice } from './ports.js';
import { rendezvous } from './rendezvous.js';
import { loadStack } from './stacks.js';

export interface SessionOptions {
  readonly dir: string;
  /** --stack, or the server of the install already in DIR; undefined: the picker (or the only server). */
  readonly stackId: string | undefined;
  readonly skipBootstrap: boolean;
  readonly skipChecks: readonly string[];
  /**
   * --yes-destructive and --wipe-device: consent given on the command line runs a destructive step without
   * its screen (see destructiveConsent); anything else is asked on the session's confirmation screen.
   */
  readonly destructive: Pick<ConsentFlags, 'yesDestructive' | 'wipeDevices'>;
  /** DIR's store, when the caller has one already (it has read the state once): by default a new one. */
  readonly store?: InstallStore;
}

/**
 * The interactive session, for both frontends: they read `state()`, draw it, and `send` what the person
 * did. This runs the effects the flow asks for (loading a server, the install and resume services, the
 * plan's confirmation) and feeds their results back. `done` resolves with the exit code; it rejects when a
 * service fails unexpectedly (a bug), which the caller reports like any other error.
 */
export interface Session {
  state(): SessionState;
  send(input: SessionInput): void;
  /** Called after every change of state (Ink re-renders, the plain frontend goes on). */
  subscribe(listener: () => void): () => void;
  /** Every service event, as it comes: the plain frontend prints the bootstrap's lines from these. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  listDevices(): Promise<readonly BlockDevice[]>;
  readonly done: Promise<number>;
}

/** What an effect runner gets: the way to feed results back, the state, and a way to end with an error. */
export interface EffectContext {
  readonly send: (input: SessionInput) => void;
  readonly state: () => SessionState;
  readonly fail: (error: unknown) => void;
  readonly emit: (event: AppEvent) => void;
}

/**
 * A session from the flow's first step and an effect runner: the state, its listeners and the exit code.
 * createSession runs the effects with the real services; the frontends' tests script them.
 */
export function driveSession(first: { readonly state: SessionState; readonly effects: readonly Effect[] }, perform: (effect: Effect, ctx: EffectContext) => void, listDevices: () => Promise<readonly BlockDevice[]>): Session {
  let state = first.state;
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(event: AppEvent) => void>();
  let ended = false;
  let finish!: (code: number) => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<number>((resolve, rejectDone) => {
    finish = resolve;
    reject = rejectDone;
  });
  const ctx: EffectContext = {
    send(input) {
      if (ended) return;
      const next = advance(state, input);
      state = next.state;
      for (const l of [...listeners]) l();
      for (const e of next.effects) {
        if (e.kind === 'exit') {
          ended = true;
          finish(e.code);
        }
        perform(e, ctx);
      }
    },
    state: () => state,
    fail(error) {
      if (ended) return;
      ended = true;
      reject(error);
    },
    emit(event) {
      for (const l of [...eventListeners]) l(event);
    },
  };
  queueMicrotask(() => first.effects.forEach((e) => perform(e, ctx)));
  return {
    state: () => state,
    send: ctx.send,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    listDevices,
    done,
  };
}

/** A device's identity for the confirmation screen, or why it could not be read (the step would likely fail on it too). */
async function identityOf(deps: Pick<AppDeps, 'identifyDevice'>, device: string): Promise<Pick<Extract<StepQuestion, { kind: 'type-device' }>, 'identity' | 'unreadable'>> {
  try {
    return { identity: await deps.identifyDevice(device) };
  } catch (error) {
    return { identity: undefined, unreadable: error instanceof Error ? error.message : String(error) };
  }
}

/** The interactive session with the real services: the install and resume services, the folder's state and drafts. */
export function createSession(deps: AppDeps, o: SessionOptions): Session {
  const servers: StackAbout[] = deps.stacks.map((s) => s.about);
  const store = o.store ?? installStore(o.dir);
  let run: AbortController | undefined;
  // The services ask (is the plan confirmed? what now that a check failed?) and the person answers on a
  // screen; once the session has ended every answer is no: nothing is written.
  const confirmed = rendezvous(false);
  const checksDecided = rendezvous<ChecksChoice>({ kind: 'back' });
  // The runner asks for one destructive step at a time (it runs them alone), so one rendezvous serves.
  const stepDecided = rendezvous(false);
  // How each secret kept as it is goes to the install service: known only here, never to the session's state.
  let kept: Readonly<Record<string, unknown>> = {};

  /**
   * Before a destructive step: run it when the flags consent, else ask on the session's screen and wait.
   * The wizard always has a person to ask, so it never stops unasked; a wiped device's identity is read
   * now, just before asking, so that what is shown is what would be erased.
   */
  const confirmStep = async (ctx: EffectContext, step: Step): Promise<boolean> => {
    const consent = destructiveConsent(step, { ...o.destructive, canAsk: true });
    if (consent.kind === 'run') return true;
    // Never here: with a person to ask, consent is given by the flags or asked for.
    if (consent.kind === 'stop') return false;
    const name = { id: step.id, title: step.title };
    const question: StepQuestion = consent.kind === 'ask' ? { kind: 'yes-no', step: name } : { kind: 'type-device', step: name, device: consent.device, ...(await identityOf(deps, consent.device)) };
    stepDecided.reset();
    ctx.send({ type: 'step-question', question });
    return stepDecided.ask();
  };

  const hooks = (ctx: EffectContext, controller: AbortController): RunHooks => ({
    signal: controller.signal,
    confirmDestructive: (step) => confirmStep(ctx, step),
    emit(event) {
      ctx.emit(event);
      // Files only (--skip-bootstrap): the plan shown runs no step.
      if (event.type === 'plan-ready') ctx.send({ type: 'planned', plan: o.skipBootstrap ? { ...event.plan, steps: [] } : event.plan });
      else if (event.type === 'preflight') ctx.send({ type: 'preflight', results: event.results });
      else if (event.type === 'files-written') ctx.send({ type: 'files-written' });
      else if (event.type !== 'answers-checked') ctx.send({ type: 'run-event', event });
    },
    checksFailed(results) {
      ctx.send({ type: 'checks-failed', results });
      return checksDecided.ask();
    },
  });
  const settle = (ctx: EffectContext, promise: Promise<RunOutcome>) =>
    promise.then((outcome) => ctx.send({ type: 'finished', outcome }), (error: unknown) => {
      if (!(error instanceof FieldstationError)) return ctx.fail(error); // a bug
      const state = ctx.state();
      // While the answers are checked, what is wrong with them goes back to the review, every problem at once.
      if (state.screen.kind === 'wizard' && state.screen.checking) {
        return ctx.send({ type: 'problems', problems: error instanceof AnswersError ? error.problems : [{ path: '', severity: 'error', message: error.message, fix: error.hints.join(' ') }] });
      }
      // Later (another fieldstation holds the lock, say), it ends the run: nothing more is done.
      const stack = state.stack!.about;
      return ctx.send({ type: 'finished', outcome: { status: 'refused', stack, dir: o.dir, message: error.message, hints: error.hints, checks: [], notes: [], resumeCommand: resumeCommand(o.dir) } });
    });

  const perform = (effect: Effect, ctx: EffectContext): void => {
    switch (effect.kind) {
      case 'load':
        loadStack(deps, effect.id)
          .then(async (loaded) => {
            const inspected = await inspectInstall(deps, store, loaded);
            kept = inspected.kept;
            ctx.send({ type: 'loaded', stack: { about: aboutOf(loaded.stack), questions: loaded.stack.questions }, install: inspected.status });
          })
          .catch(ctx.fail);
        return;
      case 'install': {
        const id = ctx.state().stack!.about.id;
        const controller = new AbortController();
        run = controller;
        confirmed.reset();
        checksDecided.reset();
        // A secret kept as it is goes as the answer that keeps it ({generate: true}, its reference, the value in use).
        const answers = Object.fromEntries(Object.entries(effect.answers).map(([k, v]) => [k, isKeepCurrent(v) ? kept[k] : v]));
        // The install pipeline (templates, YAML, diffs, the runner) loads once it is needed, not before the first question.
        settle(ctx, import('./install.js').then(({ install }) => install(deps, {
          source: { kind: 'data', stack: id, data: nest(answers, { version: ANSWERS_FILE_VERSION, stack: id }), baseDir: store.paths.root },
          dir: o.dir,
          skipBootstrap: o.skipBootstrap,
          skipChecks: o.skipChecks,
          saveAnswers: answers,
        }, {
          ...hooks(ctx, controller),
          confirm: confirmed.ask,
        })));
        return;
      }
      case 'confirm':
        confirmed.answer(effect.ok);
        return;
      case 'checks-decision':
        checksDecided.answer(effect.decision);
        return;
      case 'step-decision':
        stepDecided.answer(effect.run);
        return;
      case 'resume': {
        const controller = new AbortController();
        run = controller;
        checksDecided.reset();
        settle(ctx, import('./resume.js').then(({ resume }) => resume(deps, { dir: o.dir, skipChecks: o.skipChecks }, hooks(ctx, controller))));
        return;
      }
      case 'stop':
        run?.abort();
        return;
      case 'save-draft':
        // The clock is read here, not in the flow; a failure to save is in the result, for the person.
        import('./draft.js')
          .then(({ saveDraft }) => saveDraft(store, effect.draft, deps.now()))
          .then((saved) => ctx.send({ type: 'draft-saved', saved }), ctx.fail);
        return;
      case 'discard-draft':
        store.removeDraft().catch(ctx.fail);
        return;
      case 'exit':
        // A plan still waiting for its answer, or one still being made, is declined: nothing is written;
        // so are checks that failed and wait for a choice, and a destructive step: it is not run.
        confirmed.close();
        checksDecided.close();
        stepDecided.close();
        return;
    }
  };
  return driveSession(startSession(o.dir, servers, o.stackId), perform, deps.listDevices);
}
