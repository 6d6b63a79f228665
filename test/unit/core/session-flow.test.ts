import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/core/errors.js';
import { advance, answersOf, startSession, type SessionInput } from '../../../src/core/session/flow.js';
import { emptyProgress } from '../../../src/core/session/progress.js';
import { start, toAnswers } from '../../../src/core/wizard/machine.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { ANSWERS, at, BEACON, DIR, FRESH, INSTALLED, OTHER, PLAN, SAVED, STACK, TO_REVIEW, answer, drive, wizard } from './session.js';

/** The session flow before anything runs: (state, input) -> (screen, effects). */

describe('startSession', () => {
  it.each<[string, readonly string[], string | undefined, string, unknown[]]>([
    ['two servers and no --stack: the picker', ['beacon', 'tidegauge'], undefined, 'pick-server', []],
    ['two servers and --stack: that one loads', ['beacon', 'tidegauge'], 'beacon', 'loading', [{ kind: 'load', id: 'beacon' }]],
    ['the only server loads', ['beacon'], undefined, 'loading', [{ kind: 'load', id: 'beacon' }]],
    ['--stack names the only other server', ['beacon', 'tidegauge'], 'tidegauge', 'loading', [{ kind: 'load', id: 'tidegauge' }]],
  ])('%s', (_name, ids, stackId, screen, effects) => {
    const servers = ids.map((id) => (id === 'beacon' ? BEACON : OTHER));
    const first = startSession(DIR, servers, stackId);
    expect(first.state.screen).toEqual({ kind: screen });
    expect(first.effects).toEqual(effects);
    expect(first.state).toMatchObject({ dir: DIR, servers, stack: undefined, install: undefined, wizard: undefined, preflight: undefined, progress: emptyProgress });
  });
});

describe('the picker and loading', () => {
  it('loads the server picked', () => {
    expect(advance(at('pick-server'), { type: 'pick', id: 'beacon' })).toEqual({ state: { ...at('pick-server'), screen: { kind: 'loading' } }, effects: [{ kind: 'load', id: 'beacon' }] });
  });

  it('ignores a pick of a server it does not offer', () => {
    const s = at('pick-server');
    expect(advance(s, { type: 'pick', id: 'nothing' })).toEqual({ state: s, effects: [] });
  });

  it('starts a fresh folder at the first question', () => {
    const { state, effects } = advance(at('loading'), { type: 'loaded', stack: STACK, install: FRESH });
    expect(effects).toEqual([]);
    expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    expect(state).toMatchObject({ stack: STACK, install: FRESH });
    expect(state.wizard).toEqual(start(beacon.questions));
    expect(state.wizard?.current).toBe('site.name');
  });

  it('starts a folder with an install on the start menu, asking nothing yet', () => {
    const { state, effects } = advance(at('loading'), { type: 'loaded', stack: STACK, install: INSTALLED });
    expect(effects).toEqual([]);
    expect(state.screen).toEqual({ kind: 'start' });
    expect(state).toMatchObject({ stack: STACK, install: INSTALLED, wizard: undefined });
  });
});

describe('the start menu', () => {
  it('reconfigures from the answers recorded: on the review when none is missing', () => {
    const { state, effects } = advance(at('start'), { type: 'start-choice', choice: 'reconfigure' });
    expect(effects).toEqual([]);
    expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    expect(state.wizard?.current).toBeUndefined();
    expect(state.wizard?.answers).toEqual(ANSWERS);
    expect(state.wizard?.secrets).toEqual(INSTALLED.kind === 'installed' ? INSTALLED.secrets : undefined);
    expect(answersOf(state)).toEqual(ANSWERS);
  });

  it('reconfigures from files found without a record: at the first question', () => {
    const bare = { kind: 'installed' as const, answers: {}, secrets: {}, unfinished: undefined };
    const s = drive({ state: at('loading'), effects: [] }, [{ type: 'loaded', stack: STACK, install: bare }, { type: 'start-choice', choice: 'reconfigure' }]).state;
    expect(s.wizard?.current).toBe('site.name');
  });

  it('resumes: the machine is checked again, and the resume service asked', () => {
    const { state, effects } = advance(at('start'), { type: 'start-choice', choice: 'resume' });
    expect(state.screen).toEqual({ kind: 'preflight', results: undefined });
    expect(state.run).toBe('resume');
    expect(state.progress).toEqual(emptyProgress);
    expect(effects).toEqual([{ kind: 'resume' }]);
  });

  it('quits with code 0', () => {
    const { state, effects } = advance(at('start'), { type: 'start-choice', choice: 'quit' });
    expect(state.screen).toEqual({ kind: 'done', code: 0 });
    expect(effects).toEqual([{ kind: 'exit', code: 0 }]);
  });
});

describe('the questions and the review', () => {
  it('passes the person\'s answers to the wizard machine, keeping the screen', () => {
    const { state, effects } = advance(at('question'), answer('north-ridge'));
    expect(effects).toEqual([]);
    expect(state.wizard?.current).toBe('site.domain');
    expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    const refused = advance(at('question'), answer('North Ridge')).state;
    expect(refused.wizard?.error).toMatch(/^This answer is "North Ridge"/);
  });

  it('restores the wizard as it was before a change', () => {
    const before = at('review').wizard!;
    const changed = advance(at('review'), wizard({ type: 'edit', id: 'sensors' })).state;
    expect(changed.wizard?.current).toBe('sensors');
    expect(advance(changed, { type: 'restore', wizard: before })).toEqual({ state: { ...changed, wizard: before }, effects: [] });
  });

  it('asks the install service for a plan of the answers on continue, and waits', () => {
    const review = at('review');
    const { state, effects } = advance(review, { type: 'continue' });
    expect(state.screen).toEqual({ kind: 'wizard', checking: true, problems: [] });
    expect(effects).toEqual([{ kind: 'install', answers: toAnswers(review.wizard!) }]);
    expect(effects).toEqual([{ kind: 'install', answers: { ...ANSWERS, 'secrets.token': { generate: true }, 'secrets.vault_key': { generate: true } } }]);
  });

  it('does not continue while a question is still open', () => {
    const s = drive({ state: at('question'), effects: [] }, TO_REVIEW.slice(0, 3)).state;
    expect(advance(s, { type: 'continue' })).toEqual({ state: s, effects: [] });
  });

  it('shows the plan when it is ready', () => {
    expect(advance(at('checking'), { type: 'planned', plan: PLAN })).toEqual({ state: { ...at('checking'), screen: { kind: 'plan', plan: PLAN } }, effects: [] });
  });

  it('goes back to the review with every problem, and may continue again', () => {
    const problems: Problem[] = [{ path: 'secrets.vault_key', severity: 'error', message: 'would replace the value in use', fix: 'Answer {generate: true}.' }];
    const { state, effects } = advance(at('checking'), { type: 'problems', problems });
    expect(effects).toEqual([]);
    expect(state.screen).toEqual({ kind: 'wizard', checking: false, problems });
    // An answer keeps them shown; an edit starts afresh.
    expect(advance(state, wizard({ type: 'back' })).state.screen).toEqual({ kind: 'wizard', checking: false, problems });
    expect(advance(state, wizard({ type: 'edit', id: 'sensors' })).state.screen).toEqual({ kind: 'wizard', checking: false, problems: [] });
    expect(advance(state, { type: 'continue' }).effects).toEqual([{ kind: 'install', answers: toAnswers(state.wizard!) }]);
  });
});

describe('quitting and interrupting before anything runs', () => {
  // Nothing was answered yet on these: there is nothing to keep.
  it.each(['pick-server', 'loading', 'start', 'question'])('quit on %s ends with code 0', (place) => {
    const { state, effects } = advance(at(place), { type: 'quit' });
    expect(state.screen).toEqual({ kind: 'done', code: 0 });
    expect(effects).toEqual([{ kind: 'exit', code: 0 }]);
  });

  it.each(['pick-server', 'loading', 'start', 'question'])('interrupt on %s ends with code 130', (place) => {
    const { state, effects } = advance(at(place), { type: 'interrupt' });
    expect(state.screen).toEqual({ kind: 'done', code: 130 });
    expect(effects).toEqual([{ kind: 'exit', code: 130 }]);
  });

  // Answers were given: they are saved as a draft first, then the session ends with the same code.
  it.each<[string, SessionInput, number]>([
    ['review', { type: 'quit' }, 0],
    ['checking', { type: 'quit' }, 0],
    ['plan', { type: 'quit' }, 0],
    ['review', { type: 'interrupt' }, 130],
    ['checking', { type: 'interrupt' }, 130],
    ['plan', { type: 'interrupt' }, 130],
  ])('on %s, %j saves the answers as a draft, then ends with code %i', (place, input, code) => {
    const { state, effects } = advance(at(place), input);
    expect(state.screen).toEqual({ kind: 'saving', code });
    expect(effects).toEqual([{ kind: 'save-draft', draft: { stack: 'beacon', answers: ANSWERS, secrets: { 'secrets.token': { kind: 'generate' }, 'secrets.vault_key': { kind: 'generate' } } } }]);
    const ended = advance(state, { type: 'draft-saved', saved: SAVED });
    expect(ended).toEqual({ state: { ...state, draft: SAVED, screen: { kind: 'done', code } }, effects: [{ kind: 'exit', code }] });
  });

  it('keeps everything else of the state when it ends', () => {
    const s = at('question');
    expect(advance(s, { type: 'quit' }).state).toEqual({ ...s, screen: { kind: 'done', code: 0 } });
    const saving = advance(at('review'), { type: 'quit' }).state;
    expect(saving).toEqual({ ...at('review'), screen: { kind: 'saving', code: 0 } });
  });
});
