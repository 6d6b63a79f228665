import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/run/events.js';
import { advance, runsStep, type SessionInput, type StepAnswer } from '../../../src/core/session/flow.js';
import { DIR, STARTED, WIPE_QUESTION, YES_NO_QUESTION, at, drive, outcome } from './session.js';

/**
 * The confirmation before a destructive step is a screen of the session: the runner waits on it, the
 * person answers it, and (state, input) -> (screen, the decision for the runner).
 */

const DEVICE = `${DIR}/vault.img`;
const typed = (text: string): SessionInput => ({ type: 'step-answer', answer: { kind: 'typed', text } });
const yes: SessionInput = { type: 'step-answer', answer: { kind: 'yes' } };
const no: SessionInput = { type: 'step-answer', answer: { kind: 'no' } };
const asking = (question = YES_NO_QUESTION) => advance(at('progress'), { type: 'step-question', question }).state;

describe('the question before a destructive step', () => {
  it('comes on the run\'s screen (progress, or preflight), and asks the runner for nothing until answered', () => {
    for (const place of ['progress', 'preflight']) {
      const { state, effects } = advance(at(place), { type: 'step-question', question: WIPE_QUESTION });
      expect(state.screen).toEqual({ kind: 'confirm-step', question: WIPE_QUESTION });
      expect(effects).toEqual([]);
    }
  });

  it('is answered no at once while the run is being stopped: nobody is asked', () => {
    const stopping = at('stopping');
    expect(advance(stopping, { type: 'step-question', question: WIPE_QUESTION })).toEqual({ state: stopping, effects: [{ kind: 'step-decision', run: false }] });
  });

  it('keeps the question on screen while other steps\' events come in', () => {
    const step: RunEvent = { type: 'step-succeeded', at: '2026-11-23T10:00:03Z', id: 'folders', title: 'Readings folder made', seconds: 2 };
    const { state, effects } = drive({ state: asking(WIPE_QUESTION), effects: [] }, [{ type: 'run-event', event: STARTED }, { type: 'run-event', event: step }]);
    expect(state.screen).toEqual({ kind: 'confirm-step', question: WIPE_QUESTION });
    expect(state.progress.steps[0]).toMatchObject({ id: 'folders', status: 'done' });
    expect(effects).toEqual([]);
  });
});

describe('a yes-no question (a destructive step that wipes no device)', () => {
  it('yes runs the step: back to the progress screen', () => {
    const { state, effects } = advance(asking(), yes);
    expect(state.screen).toEqual({ kind: 'progress', stopping: false });
    expect(state.declined).toBeUndefined();
    expect(effects).toEqual([{ kind: 'step-decision', run: true }]);
  });

  it('no, or Esc, does not run it: the run stops before it, and the session remembers which step for the summary', () => {
    for (const input of [no, { type: 'escape' } as const]) {
      const { state, effects } = advance(asking(), input);
      expect(state.screen).toEqual({ kind: 'progress', stopping: false });
      expect(state.declined).toEqual(YES_NO_QUESTION);
      expect(effects).toEqual([{ kind: 'step-decision', run: false }]);
    }
  });

  it('takes no typed text: it is a yes or a no', () => {
    const s = asking();
    expect(advance(s, typed('yes'))).toEqual({ state: s, effects: [] });
  });
});

describe('a step that wipes a device: its path typed back', () => {
  it('runs only when the path is typed back exactly (spaces around it aside)', () => {
    for (const text of [DEVICE, `  ${DEVICE} `]) {
      const { state, effects } = advance(asking(WIPE_QUESTION), typed(text));
      expect(state.screen).toEqual({ kind: 'progress', stopping: false });
      expect(effects).toEqual([{ kind: 'step-decision', run: true }]);
    }
  });

  it.each([['nothing typed', ''], ['a yes', 'y'], ['another device', '/dev/vdb'], ['a slip', `${DEVICE}x`], ['another case', DEVICE.toUpperCase()], ['its folder', DIR]])('does not run it on %s: the run stops before it', (_what, text) => {
    const { state, effects } = advance(asking(WIPE_QUESTION), typed(text));
    expect(state.screen).toEqual({ kind: 'progress', stopping: false });
    expect(state.declined).toEqual(WIPE_QUESTION);
    expect(effects).toEqual([{ kind: 'step-decision', run: false }]);
  });

  it('Esc (or no) does not run it', () => {
    for (const input of [no, { type: 'escape' } as const]) expect(advance(asking(WIPE_QUESTION), input).effects).toEqual([{ kind: 'step-decision', run: false }]);
  });

  it('never takes a bare yes', () => {
    const s = asking(WIPE_QUESTION);
    expect(advance(s, yes)).toEqual({ state: s, effects: [] });
  });

  it.each<[StepAnswer, boolean | undefined]>([
    [{ kind: 'typed', text: DEVICE }, true],
    [{ kind: 'typed', text: 'yes' }, false],
    [{ kind: 'yes' }, undefined],
    [{ kind: 'no' }, false],
  ])('runsStep(device question, %j) is %s', (answer, run) => {
    expect(runsStep(WIPE_QUESTION, answer)).toBe(run);
  });
});

describe('the end of the session while a question is open', () => {
  it('an interrupt (Ctrl-C, SIGTERM, SIGHUP, the terminal\'s end) is a no, and the run stops', () => {
    for (const question of [WIPE_QUESTION, YES_NO_QUESTION]) {
      const { state, effects } = advance(asking(question), { type: 'interrupt' });
      expect(state.screen).toEqual({ kind: 'progress', stopping: true });
      expect(state.declined).toEqual(question);
      expect(effects).toEqual([{ kind: 'step-decision', run: false }, { kind: 'stop' }]);
    }
  });

  it('a quit from a menu changes nothing: only the question\'s answers end it', () => {
    const s = asking(WIPE_QUESTION);
    expect(advance(s, { type: 'quit' })).toEqual({ state: s, effects: [] });
  });

  it('after a no the run ends as interrupted: the summary follows, and the declined step is still known', () => {
    const declined = advance(asking(WIPE_QUESTION), typed('/dev/vdb')).state;
    const summary = drive({ state: declined, effects: [] }, [{ type: 'finished', outcome: outcome('interrupted') }, { type: 'summary-shown' }]);
    expect(summary.state.screen).toEqual({ kind: 'done', code: 130 });
    expect(summary.state.declined).toEqual(WIPE_QUESTION);
    expect(summary.effects).toEqual([{ kind: 'exit', code: 130 }]);
  });

  it('a new run forgets the step declined in the last one', () => {
    const declined = advance(asking(WIPE_QUESTION), no).state;
    const summary = advance(declined, { type: 'finished', outcome: outcome('interrupted') }).state;
    expect(summary.declined).toEqual(WIPE_QUESTION);
    // The start screen's resume, as a second session would offer it: here by the flow's own way there.
    const again = advance({ ...summary, screen: { kind: 'start' }, install: { kind: 'installed', answers: {}, secrets: {}, unfinished: { status: 'interrupted', step: 'vault-format' } } }, { type: 'start-choice', choice: 'resume' });
    expect(again.state.declined).toBeUndefined();
    expect(again.effects).toEqual([{ kind: 'resume' }]);
  });
});
