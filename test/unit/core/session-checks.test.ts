import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/core/session/flow.js';
import { FAILED_CHECKS, INSTALLED, STACK, answer, at, drive, outcome } from './session.js';

/** A failed machine check is a screen, not an exit: (state, choice) -> (screen, the decision for the service). */

const failedResume = () => drive({ state: at('loading'), effects: [] }, [
  { type: 'loaded', stack: STACK, install: INSTALLED },
  { type: 'start-choice', choice: 'resume' },
  { type: 'preflight', results: FAILED_CHECKS },
  { type: 'checks-failed', results: FAILED_CHECKS },
]).state;

describe('the failed checks screen', () => {
  it('comes when the service says a check failed, with every result and the run it stopped', () => {
    const s = at('checks-failed');
    expect(s.screen).toEqual({ kind: 'checks-failed', results: FAILED_CHECKS, run: 'install' });
    expect(s.preflight).toEqual(FAILED_CHECKS);
    // Every answer is still there.
    expect(s.wizard).toEqual(at('plan').wizard);
    expect(failedResume().screen).toEqual({ kind: 'checks-failed', results: FAILED_CHECKS, run: 'resume' });
  });

  it('checks again: the checking screen, and the service measures again', () => {
    const { state, effects } = advance(at('checks-failed'), { type: 'checks-choice', choice: { kind: 'again' } });
    expect(state.screen).toEqual({ kind: 'preflight', results: undefined });
    expect(effects).toEqual([{ kind: 'checks-decision', decision: { kind: 'again' } }]);
    // The new results arrive as the first ones did.
    expect(advance(state, { type: 'checks-failed', results: FAILED_CHECKS }).state.screen.kind).toBe('checks-failed');
    expect(advance(state, { type: 'files-written' }).state.screen).toEqual({ kind: 'progress', stopping: false });
  });

  it('skips a failed check: shown as skipped by the person, and the service goes on', () => {
    const { state, effects } = advance(at('checks-failed'), { type: 'checks-choice', choice: { kind: 'skip', name: 'clock' } });
    expect(state.screen.kind === 'preflight' && state.screen.results?.find((r) => r.name === 'clock')).toMatchObject({ status: 'skipped', detail: 'the clock says 1970: it is not set (skipped: you chose to go on without it)' });
    expect(effects).toEqual([{ kind: 'checks-decision', decision: { kind: 'skip', name: 'clock' } }]);
  });

  it('does not skip a check that did not fail, nor one it does not know', () => {
    const s = at('checks-failed');
    for (const name of ['tool-sh', 'dns']) expect(advance(s, { type: 'checks-choice', choice: { kind: 'skip', name } })).toEqual({ state: s, effects: [] });
  });

  it('writes the files only: on to the files, then a summary of what was written', () => {
    const { state, effects } = advance(at('checks-failed'), { type: 'checks-choice', choice: { kind: 'files-only' } });
    expect(state.screen).toEqual({ kind: 'preflight', results: FAILED_CHECKS });
    expect(effects).toEqual([{ kind: 'checks-decision', decision: { kind: 'files-only' } }]);
    const written = drive({ state, effects: [] }, [{ type: 'files-written' }, { type: 'finished', outcome: outcome('written') }, { type: 'summary-shown' }]);
    expect(written.state.written).toBe(true);
    // The answers are in answers.yaml now: no draft.
    expect(written.effects).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it('offers no files-only for a resume: its files are written already', () => {
    const s = failedResume();
    expect(advance(s, { type: 'checks-choice', choice: { kind: 'files-only' } })).toEqual({ state: s, effects: [] });
  });

  it('goes back to the review with every answer (Esc too); the declined outcome that follows changes nothing', () => {
    for (const input of [{ type: 'checks-choice', choice: { kind: 'back' } }, { type: 'escape' }] as const) {
      const { state, effects } = advance(at('checks-failed'), input);
      expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
      expect(state.wizard).toEqual(at('checks-failed').wizard);
      expect(effects).toEqual([{ kind: 'checks-decision', decision: { kind: 'back' } }]);
      expect(advance(state, { type: 'finished', outcome: outcome('declined') })).toEqual({ state, effects: [] });
      // And on to the plan again from there.
      expect(advance(state, { type: 'continue' }).effects[0]?.kind).toBe('install');
    }
  });

  it('goes back to the start screen from a resume', () => {
    const { state, effects } = advance(failedResume(), { type: 'checks-choice', choice: { kind: 'back' } });
    expect(state.screen).toEqual({ kind: 'start' });
    expect(effects).toEqual([{ kind: 'checks-decision', decision: { kind: 'back' } }]);
  });

  it('keeps the answers as a draft when the person quits there (0) or presses Ctrl-C (130)', () => {
    for (const [input, code] of [[{ type: 'quit' }, 0], [{ type: 'interrupt' }, 130]] as const) {
      const { state, effects } = advance(at('checks-failed'), input);
      expect(state.screen).toEqual({ kind: 'saving', code });
      expect(effects.map((e) => e.kind)).toEqual(['save-draft']);
    }
  });

  it('ignores a choice on any other screen', () => {
    for (const place of ['review', 'plan', 'preflight', 'progress', 'summary']) {
      const s = at(place);
      expect(advance(s, { type: 'checks-choice', choice: { kind: 'again' } })).toEqual({ state: s, effects: [] });
    }
    const q = drive({ state: at('question'), effects: [] }, [answer('north-ridge')]).state;
    expect(advance(q, { type: 'checks-failed', results: FAILED_CHECKS })).toEqual({ state: q, effects: [] });
  });
});
