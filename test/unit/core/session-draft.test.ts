import { describe, expect, it } from 'vitest';
import { draftOf } from '../../../src/core/session/draft.js';
import { advance, NOTHING_BEFORE, NOTHING_BEFORE_QUESTION, startChoices, type InstallStatus, type SessionState } from '../../../src/core/session/flow.js';
import { DRAFT, FRESH, FRESH_WITH_DRAFT, INSTALLED, SAVED, STACK, answer, at, drive, outcome, wizard } from './session.js';

/** Drafts, the start screen's choices and Esc where there is nothing before: (state, input) -> (screen, effects). */

const loaded = (install: InstallStatus): SessionState => drive({ state: at('loading'), effects: [] }, [{ type: 'loaded', stack: STACK, install }]).state;
const INSTALLED_WITH_DRAFT: InstallStatus = { ...INSTALLED, draft: DRAFT } as InstallStatus;
const NO_UNFINISHED: InstallStatus = { ...INSTALLED, unfinished: undefined } as InstallStatus;

describe('the start screen\'s choices', () => {
  it.each<[string, InstallStatus, string[], string]>([
    ['an install whose bootstrap failed: resume first', INSTALLED, ['reconfigure', 'resume', 'quit'], 'resume'],
    ['an install that finished', NO_UNFINISHED, ['reconfigure', 'quit'], 'reconfigure'],
    ['a fresh folder with a draft', FRESH_WITH_DRAFT, ['continue-draft', 'discard-draft', 'quit'], 'continue-draft'],
    ['an install with a draft and an unfinished bootstrap: resume first', INSTALLED_WITH_DRAFT, ['continue-draft', 'discard-draft', 'resume', 'quit'], 'resume'],
  ])('%s', (_name, install, choices, preferred) => {
    const s = loaded(install);
    expect(s.screen).toEqual({ kind: 'start' });
    expect(startChoices(s)).toEqual({ choices, preferred });
  });

  it('a fresh folder without a draft has no start screen: the first question', () => {
    expect(loaded(FRESH).screen.kind).toBe('wizard');
  });

  it('takes no choice it does not offer', () => {
    const s = loaded(NO_UNFINISHED);
    for (const choice of ['resume', 'continue-draft', 'discard-draft'] as const) expect(advance(s, { type: 'start-choice', choice })).toEqual({ state: s, effects: [] });
  });
});

describe('a draft', () => {
  it('is continued where it stopped: its answers, its typed key, and Esc goes to the question before', () => {
    const { state, effects } = advance(loaded(FRESH_WITH_DRAFT), { type: 'start-choice', choice: 'continue-draft' });
    expect(effects).toEqual([]);
    expect(state.wizard?.answers).toEqual(DRAFT.answers);
    expect(state.wizard?.secrets).toEqual(DRAFT.secrets);
    // Remote storage needs its URL: the first answer the draft lacks.
    expect(state.wizard?.current).toBe('storage.url');
    const back = advance(state, wizard({ type: 'back' })).state;
    expect(back.wizard?.current).toBe('storage.mode');
  });

  it('of an install is continued over the recorded answers, its secrets kept', () => {
    const { state } = advance(loaded(INSTALLED_WITH_DRAFT), { type: 'start-choice', choice: 'continue-draft' });
    expect(state.wizard?.answers).toMatchObject({ 'site.name': 'south-col', alerts: false });
    expect(state.wizard?.secrets).toEqual({ 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' }, 'storage.key': { kind: 'value', value: 'typed-archive-key-01' } });
  });

  it('is discarded: deleted, and the wizard starts afresh (or from the recorded answers)', () => {
    const fresh = advance(loaded(FRESH_WITH_DRAFT), { type: 'start-choice', choice: 'discard-draft' });
    expect(fresh.effects).toEqual([{ kind: 'discard-draft' }]);
    expect(fresh.state.install).toEqual({ kind: 'fresh', draft: undefined });
    expect(fresh.state.wizard?.current).toBe('site.name');
    expect(fresh.state.wizard?.answers).toEqual({});
    const installed = advance(loaded(INSTALLED_WITH_DRAFT), { type: 'start-choice', choice: 'discard-draft' });
    expect(installed.state.wizard?.current).toBeUndefined();
    expect(installed.state.wizard?.answers).toEqual(INSTALLED.kind === 'installed' ? INSTALLED.answers : undefined);
  });

  it('is what was given beyond the starting point, or nothing', () => {
    const s = at('review');
    expect(draftOf('beacon', s.wizard, { answers: {}, secrets: {} })).toEqual({ stack: 'beacon', answers: s.wizard!.answers, secrets: s.wizard!.secrets });
    // Reconfiguring without a change: nothing to save.
    const reconfigured = advance(loaded(INSTALLED), { type: 'start-choice', choice: 'reconfigure' }).state;
    if (INSTALLED.kind !== 'installed') throw new Error('INSTALLED is an install');
    expect(draftOf('beacon', reconfigured.wizard, INSTALLED)).toBeUndefined();
    expect(advance(reconfigured, { type: 'quit' }).state.screen).toEqual({ kind: 'done', code: 0 });
    // One changed answer: saved, with the kept secrets left out (they stay where they are).
    const changed = drive({ state: reconfigured, effects: [] }, [wizard({ type: 'edit', id: 'sensors' }), answer(12), { type: 'interrupt' }]);
    expect(changed.effects).toEqual([{ kind: 'save-draft', draft: { stack: 'beacon', answers: { ...reconfigured.wizard!.answers, sensors: 12 }, secrets: {} } }]);
  });

  it('is saved when a refused apply ends (nothing was written), not after files were written', () => {
    const refused = drive({ state: at('preflight'), effects: [] }, [{ type: 'finished', outcome: outcome('refused') }, { type: 'summary-shown' }]);
    expect(refused.state.screen).toEqual({ kind: 'saving', code: 3 });
    expect(refused.effects.map((e) => e.kind)).toEqual(['save-draft']);
    const failed = drive({ state: at('progress'), effects: [] }, [{ type: 'finished', outcome: outcome('failed') }, { type: 'summary-shown' }]);
    expect(failed.effects).toEqual([{ kind: 'exit', code: 4 }]);
    const stopped = drive({ state: at('preflight'), effects: [] }, [{ type: 'interrupt' }, { type: 'finished', outcome: outcome('interrupted') }, { type: 'summary-shown' }]);
    expect(stopped.effects).toEqual([{ kind: 'stop' }, { kind: 'save-draft', draft: expect.objectContaining({ stack: 'beacon' }) }]);
  });

  it('says where it went once saved; the session then ends', () => {
    const { state, effects } = advance(at('saving'), { type: 'draft-saved', saved: SAVED });
    expect(state.draft).toEqual(SAVED);
    expect(effects).toEqual([{ kind: 'exit', code: 0 }]);
    // Nothing else ends it twice.
    for (const input of [{ type: 'quit' }, { type: 'interrupt' }] as const) expect(advance(at('saving'), input).effects).toEqual([]);
  });
});

describe('Esc where there is nothing before', () => {
  it('on the first question of a fresh folder says so, and changes nothing else; the next key clears it', () => {
    const s = at('question');
    const { state, effects } = advance(s, wizard({ type: 'back' }));
    expect(effects).toEqual([]);
    expect(state.notice).toBe(NOTHING_BEFORE_QUESTION);
    expect(state.wizard?.current).toBe('site.name');
    expect(advance(state, answer('north-ridge')).state.notice).toBeUndefined();
  });

  it('on the picker and the start screen says so', () => {
    for (const place of ['pick-server', 'start']) expect(advance(at(place), { type: 'escape' }).state.notice).toBe(NOTHING_BEFORE);
  });

  it('on a reconfigure\'s review goes back to the start screen, and reconfigure comes back to the same answers', () => {
    const review = advance(loaded(INSTALLED), { type: 'start-choice', choice: 'reconfigure' }).state;
    expect(review.wizard?.current).toBeUndefined();
    const start = advance(review, wizard({ type: 'back' })).state;
    expect(start.screen).toEqual({ kind: 'start' });
    expect(advance(start, { type: 'start-choice', choice: 'reconfigure' }).state).toEqual(review);
    // A change made before is still there: Esc goes back through it to the start screen, and reconfigure returns to it.
    const changed = drive({ state: review, effects: [] }, [wizard({ type: 'edit', id: 'sensors' }), answer(12), wizard({ type: 'back' }), wizard({ type: 'back' })]).state;
    expect(changed.screen).toEqual({ kind: 'start' });
    expect(advance(changed, { type: 'start-choice', choice: 'reconfigure' }).state.wizard?.answers['sensors']).toBe(12);
  });

  it('while the bootstrap runs says how to stop it', () => {
    expect(advance(at('progress'), { type: 'escape' }).state.notice).toMatch(/^The bootstrap is running: Ctrl-C stops it/);
  });
});
