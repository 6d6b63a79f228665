import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/core/checks/check.js';
import type { RunEvent } from '../../../src/core/run/events.js';
import { advance, exitCodeFor, SessionExit, type SessionInput } from '../../../src/core/session/flow.js';
import type { RunOutcome } from '../../../src/core/session/outcome.js';
import { emptyProgress } from '../../../src/core/session/progress.js';
import { FAILED_CHECKS, FRESH, PLAN, PLACES, SAVED, STACK, STARTED, WIPE_QUESTION, YES_NO_QUESTION, answer, at, drive, outcome } from './session.js';

/** The session flow from the plan on: (state, input) -> (screen, effects). */

const RESULTS: CheckResult[] = [{ name: 'clock', title: 'Clock', status: 'pass', detail: 'the clock says 2026' }];
const event = (e: RunEvent): SessionInput => ({ type: 'run-event', event: e });
const STEP_STARTED: RunEvent = { type: 'step-started', at: '2026-11-23T10:00:01Z', id: 'folders', title: 'Readings folder made', attempt: 1, attempts: 2 };
const STEP_OUTPUT: RunEvent = { type: 'step-output', at: '2026-11-23T10:00:02Z', id: 'folders', stream: 'info', line: 'made /srv/beacon/readings' };
const STEP_DONE: RunEvent = { type: 'step-succeeded', at: '2026-11-23T10:00:03Z', id: 'folders', title: 'Readings folder made', seconds: 2 };
const FINISHED: RunEvent = { type: 'run-finished', at: '2026-11-23T10:00:04Z', status: 'succeeded', seconds: 4, logPath: '/srv/beacon-logger/.fieldstation/logs/r1.log' };

describe('the plan', () => {
  it('apply confirms it: the machine is checked next', () => {
    const { state, effects } = advance(at('plan'), { type: 'apply' });
    expect(state.screen).toEqual({ kind: 'preflight', results: undefined });
    expect([state.preflight, state.progress]).toEqual([undefined, emptyProgress]);
    expect(effects).toEqual([{ kind: 'confirm', ok: true }]);
  });

  it('a plan with a blocked target cannot be applied: apply changes nothing, back still works', () => {
    const plan = at('plan');
    const blocked = { ...plan, screen: { kind: 'plan' as const, plan: { ...PLAN, blocked: [{ path: '.env', reason: 'is a symbolic link' }] } } };
    expect(advance(blocked, { type: 'apply' })).toEqual({ state: blocked, effects: [] });
    expect(advance(blocked, { type: 'back' }).effects).toEqual([{ kind: 'confirm', ok: false }]);
  });

  it('back declines it and shows the review at once, as it was', () => {
    const plan = at('plan');
    const { state, effects } = advance(plan, { type: 'back' });
    expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    expect(state.wizard).toBe(plan.wizard);
    expect(effects).toEqual([{ kind: 'confirm', ok: false }]);
    // The declined outcome that follows changes nothing.
    expect(advance(state, { type: 'finished', outcome: outcome('declined') })).toEqual({ state, effects: [] });
  });
});

describe('the run', () => {
  it('keeps the checks\' results that arrive after a stop, without leaving the progress screen', () => {
    const stopping = at('stopping');
    const { state, effects } = advance(stopping, { type: 'preflight', results: RESULTS });
    expect([state.screen, state.preflight, effects]).toEqual([stopping.screen, RESULTS, []]);
  });

  it('shows the checks\' results while on the preflight screen', () => {
    const { state, effects } = advance(at('preflight'), { type: 'preflight', results: RESULTS });
    expect(state.screen).toEqual({ kind: 'preflight', results: RESULTS });
    expect(state.preflight).toEqual(RESULTS);
    expect(effects).toEqual([]);
  });

  it('moves to the progress screen once the files are written, or the first event comes', () => {
    const written = advance(at('preflight'), { type: 'files-written' });
    expect([written.state.screen, written.state.progress, written.effects]).toEqual([{ kind: 'progress', stopping: false }, emptyProgress, []]);
    const resumed = advance(at('preflight'), event(STARTED));
    expect(resumed.state.screen).toEqual({ kind: 'progress', stopping: false });
    expect(resumed.state.progress.started).toBe(true);
  });

  it('folds every run event into the progress model', () => {
    const s = drive({ state: at('progress'), effects: [] }, [event(STARTED), event(STEP_STARTED), event(STEP_OUTPUT)]);
    expect(s.effects).toEqual([]);
    expect(s.state.progress).toMatchObject({ started: true, resumed: false, logPath: '/srv/beacon-logger/.fieldstation/logs/r1.log', finished: undefined });
    expect(s.state.progress.steps).toEqual([
      { id: 'folders', title: 'Readings folder made', status: 'running', earlier: false, startedAt: Date.parse('2026-11-23T10:00:01Z'), attempt: 1, attempts: 2, error: undefined, retryInSeconds: undefined, output: ['made /srv/beacon/readings'], tail: [] },
      { id: 'marker', title: 'Uploader marker written', status: 'pending', earlier: false, output: [], tail: [] },
    ]);
    const done = drive({ state: s.state, effects: [] }, [event(STEP_DONE), event(FINISHED)]).state;
    expect(done.progress.steps[0]).toMatchObject({ status: 'done', seconds: 2, output: [] });
    expect(done.progress.finished).toEqual({ status: 'succeeded', seconds: 4 });
    expect(done.screen).toEqual({ kind: 'progress', stopping: false });
  });

  it.each(['preflight', 'progress'])('interrupt on %s asks the run to stop, once', (place) => {
    const first = advance(at(place), { type: 'interrupt' });
    expect(first.state.screen).toEqual({ kind: 'progress', stopping: true });
    expect(first.effects).toEqual([{ kind: 'stop' }]);
    expect(advance(first.state, { type: 'interrupt' })).toEqual({ state: first.state, effects: [] });
  });

  it('keeps saying it is stopping while the last events come in', () => {
    const s = drive({ state: at('stopping'), effects: [] }, [event(STEP_STARTED), { type: 'files-written' }]);
    expect(s.state.screen).toEqual({ kind: 'progress', stopping: true });
    expect(s.effects).toEqual([]);
  });

  it.each<[string, RunOutcome['status']]>([
    ['progress', 'succeeded'],
    ['progress', 'failed'],
    ['stopping', 'interrupted'],
    ['preflight', 'refused'],
    ['progress', 'written'],
  ])('on %s, a finished run (%s) shows its summary', (place, status) => {
    const { state, effects } = advance(at(place), { type: 'finished', outcome: outcome(status) });
    expect(state.screen).toEqual({ kind: 'summary', outcome: outcome(status) });
    expect(effects).toEqual([]);
  });
});

describe('the end', () => {
  it.each<[RunOutcome['status'], number]>([
    ['succeeded', 0],
    ['written', 0],
    ['failed', 4],
    ['refused', 3],
    ['interrupted', 130],
    ['declined', 130],
  ])('exitCodeFor(%s) is %i', (status, code) => {
    expect(exitCodeFor(outcome(status))).toBe(code);
  });

  it('names its codes', () => {
    expect(SessionExit).toEqual({ done: 0, refused: 3, stepFailed: 4, cancelled: 130 });
  });

  it.each<[RunOutcome['status'], number]>([['succeeded', 0], ['failed', 4], ['interrupted', 130], ['refused', 3]])('once the %s summary is shown, it ends with code %i', (status, code) => {
    const summary = drive({ state: at('progress'), effects: [] }, [{ type: 'finished', outcome: outcome(status) }]).state;
    const { state, effects } = advance(summary, { type: 'summary-shown' });
    expect(state.screen).toEqual({ kind: 'done', code });
    expect(effects).toEqual([{ kind: 'exit', code }]);
  });
});

/** Every input, once: what each screen ignores is the rest. */
const INPUTS: Readonly<Record<string, SessionInput>> = {
  pick: { type: 'pick', id: 'beacon' },
  'start-choice reconfigure': { type: 'start-choice', choice: 'reconfigure' },
  'start-choice resume': { type: 'start-choice', choice: 'resume' },
  'start-choice quit': { type: 'start-choice', choice: 'quit' },
  'start-choice continue-draft': { type: 'start-choice', choice: 'continue-draft' },
  'start-choice discard-draft': { type: 'start-choice', choice: 'discard-draft' },
  wizard: answer('north-ridge'),
  restore: { type: 'restore', wizard: { questions: STACK.questions, answers: {}, secrets: {}, current: 'site.name', history: [], error: undefined, editing: false } },
  continue: { type: 'continue' },
  apply: { type: 'apply' },
  back: { type: 'back' },
  escape: { type: 'escape' },
  'checks-choice again': { type: 'checks-choice', choice: { kind: 'again' } },
  'checks-choice skip': { type: 'checks-choice', choice: { kind: 'skip', name: 'clock' } },
  'checks-choice files-only': { type: 'checks-choice', choice: { kind: 'files-only' } },
  'checks-choice back': { type: 'checks-choice', choice: { kind: 'back' } },
  quit: { type: 'quit' },
  interrupt: { type: 'interrupt' },
  'summary-shown': { type: 'summary-shown' },
  loaded: { type: 'loaded', stack: STACK, install: FRESH },
  planned: { type: 'planned', plan: PLAN },
  problems: { type: 'problems', problems: [] },
  preflight: { type: 'preflight', results: RESULTS },
  'checks-failed': { type: 'checks-failed', results: FAILED_CHECKS },
  'files-written': { type: 'files-written' },
  'run-event': event(STARTED),
  finished: { type: 'finished', outcome: outcome('succeeded') },
  'finished declined': { type: 'finished', outcome: outcome('declined') },
  'draft-saved': { type: 'draft-saved', saved: SAVED },
  'step-question': { type: 'step-question', question: YES_NO_QUESTION },
  'step-answer yes': { type: 'step-answer', answer: { kind: 'yes' } },
  'step-answer no': { type: 'step-answer', answer: { kind: 'no' } },
  'step-answer typed': { type: 'step-answer', answer: { kind: 'typed', text: WIPE_QUESTION.kind === 'type-device' ? WIPE_QUESTION.device : '' } },
};

/** What each screen takes; every other input leaves the state as it is and asks for nothing. */
const TAKES: Readonly<Record<string, readonly string[]>> = {
  'pick-server': ['pick', 'escape', 'quit', 'interrupt'],
  loading: ['loaded', 'quit', 'interrupt'],
  // No draft here: its two choices are not offered.
  start: ['start-choice reconfigure', 'start-choice resume', 'start-choice quit', 'escape', 'quit', 'interrupt'],
  question: ['wizard', 'restore', 'quit', 'interrupt'],
  review: ['wizard', 'restore', 'continue', 'quit', 'interrupt'],
  checking: ['planned', 'problems', 'quit', 'interrupt'],
  plan: ['apply', 'back', 'quit', 'interrupt'],
  preflight: ['preflight', 'checks-failed', 'step-question', 'files-written', 'run-event', 'finished', 'escape', 'interrupt'],
  // Results still arriving after a stop was asked for are kept (the screen stays as it is).
  progress: ['preflight', 'step-question', 'files-written', 'run-event', 'finished', 'escape', 'interrupt'],
  // A destructive step's question while the run stops is answered no at once.
  stopping: ['preflight', 'step-question', 'files-written', 'run-event', 'finished', 'escape'],
  'checks-failed': ['escape', 'checks-choice again', 'checks-choice skip', 'checks-choice files-only', 'checks-choice back', 'quit', 'interrupt'],
  // The device's question: its path typed, or no; a bare yes is not taken. A second question is answered no.
  'confirm-step': ['escape', 'step-question', 'step-answer no', 'step-answer typed', 'files-written', 'run-event', 'finished', 'interrupt'],
  summary: ['summary-shown'],
  done: [],
  saving: ['draft-saved'],
};

describe('inputs a screen does not take', () => {
  it('are listed for every screen', () => {
    expect(Object.keys(TAKES)).toEqual(PLACES);
  });

  const cases = Object.entries(TAKES).flatMap(([place, takes]) => Object.keys(INPUTS).filter((name) => !takes.includes(name)).map((name) => [place, name] as const));
  it.each(cases)('on %s, %s is ignored', (place, name) => {
    const s = at(place);
    expect(advance(s, INPUTS[name]!)).toEqual({ state: s, effects: [] });
  });

  it.each(Object.entries(TAKES).flatMap(([place, takes]) => takes.map((name) => [place, name] as const)))('on %s, %s is taken', (place, name) => {
    const s = at(place);
    const step = advance(s, INPUTS[name]!);
    expect(step.effects.length > 0 || step.state !== s).toBe(true);
  });
});
