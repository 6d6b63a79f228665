import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../src/core/answers/check.js';
import { nest } from '../../../src/core/answers/nesting.js';
import { currentQuestion, isComplete, isKeepCurrent, KEEP_CURRENT, parseTyped, position, reduce, start, suggested, toAnswers, visibleQuestions, type WizardEvent, type WizardState } from '../../../src/core/wizard/machine.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { plainQuestion, question } from './beacon.js';

const run = (events: readonly WizardEvent[], s: WizardState = start(beacon.questions)) => events.reduce(reduce, s);
const answer = (value: string | number | boolean): WizardEvent => ({ type: 'answer', value });
const generate: WizardEvent = { type: 'secret', choice: { kind: 'generate' } };
const typed = (value: string): WizardEvent => ({ type: 'secret', choice: { kind: 'value', value } });
const back: WizardEvent = { type: 'back' };
const edit = (id: string): WizardEvent => ({ type: 'edit', id });

/** A first run to the review with a local archive: every secret generated. */
const LOCAL: WizardEvent[] = [answer('north-ridge'), answer('beacon.example.org'), answer('/srv/beacon'), answer(8), answer('local'), answer(false), generate, generate];
/** The same with the remote archive: its URL and a typed key. */
const REMOTE: WizardEvent[] = [...LOCAL.slice(0, 4), answer('remote'), answer('https://archive.example.org/b'), typed('archive-key-0001'), answer(true), generate, generate];

const ids = (s: WizardState) => visibleQuestions(s.questions, s.answers).map((q) => q.id);

describe('the wizard machine with Beacon', () => {
  it('asks the catalogue in order; the questions a `when` leaves out are not counted', () => {
    const order: (string | undefined)[] = [];
    let s = start(beacon.questions);
    for (const e of LOCAL) {
      order.push(s.current);
      s = reduce(s, e);
    }
    expect(order).toEqual(['site.name', 'site.domain', 'data_root', 'sensors', 'storage.mode', 'alerts', 'secrets.token', 'secrets.vault_key']);
    expect(s.current).toBeUndefined();
    expect(s.history).toEqual(order);
  });

  it('gives the position among the questions that apply now', () => {
    let s = start(beacon.questions);
    expect([s.current, position(s)]).toEqual(['site.name', { index: 1, total: 8 }]);
    s = run(REMOTE.slice(0, 5), s);
    // The remote archive brings its URL and its key: two more questions.
    expect([s.current, position(s)]).toEqual(['storage.url', { index: 6, total: 10 }]);
    expect(ids(s)).toEqual(['site.name', 'site.domain', 'data_root', 'sensors', 'storage.mode', 'storage.url', 'storage.key', 'alerts', 'secrets.token', 'secrets.vault_key']);
    expect(currentQuestion(s)).toBe(question('storage.url'));
    // On the review no question is current.
    expect(position(run(LOCAL))).toEqual({ index: 0, total: 8 });
    expect(currentQuestion(run(LOCAL))).toBeUndefined();
  });

  it('suggests the answer given, else the default; never a secret', () => {
    const s = start(beacon.questions);
    expect(suggested(s, question('data_root'))).toBe('/srv/beacon');
    expect(suggested(s, question('sensors'))).toBe(8);
    expect(suggested(s, question('storage.mode'))).toBe('local');
    expect(suggested(s, question('alerts'))).toBe(false);
    expect(suggested(s, question('site.name'))).toBeUndefined();
    const done = run(REMOTE);
    expect(suggested(done, question('sensors'))).toBe(8);
    expect(suggested(done, question('storage.url'))).toBe('https://archive.example.org/b');
    expect(suggested(done, question('storage.key'))).toBeUndefined();
    expect(suggested(done, question('secrets.token'))).toBeUndefined();
  });

  it('keeps an invalid answer on screen with the problem and what to type instead, then moves on', () => {
    let s = run([answer('North Ridge')]);
    expect(s.current).toBe('site.name');
    // Shown under the question: its prompt is not said again.
    expect(s.error).toBe('This answer is "North Ridge", which is not 2-31 lower-case letters, digits or hyphens, starting with a letter');
    expect(s.answers).toEqual({});
    s = reduce(s, answer('north-ridge'));
    expect([s.current, s.error]).toEqual(['site.domain', undefined]);
    s = run([answer('north-ridge'), answer('beacon.example.org'), answer('/srv/beacon'), answer(0)]);
    expect([s.current, s.error]).toEqual(['sensors', 'This answer is 0, but it must be a whole number from 1 to 500']);
  });

  it('ignores an answer of the wrong sort for the question on screen', () => {
    const s = start(beacon.questions);
    expect(reduce(s, generate)).toBe(s);
    const atToken = run(LOCAL.slice(0, 6));
    expect(atToken.current).toBe('secrets.token');
    expect(reduce(atToken, answer('a-plain-answer'))).toBe(atToken);
  });

  it('refuses to generate what must be issued elsewhere, checks a typed secret, then takes it', () => {
    let s = run(REMOTE.slice(0, 6));
    expect(s.current).toBe('storage.key');
    s = reduce(s, generate);
    expect(s.error).toBe('This one cannot be generated: it must match what your provider issued. Type it.');
    s = reduce(s, typed('short'));
    expect(s.error).toBe('The value is too short: it needs at least 8 characters and has 5');
    s = reduce(s, typed("archive'key-0001"));
    expect(s.error).toMatch(/^The value contains a single quote/);
    s = reduce(s, typed('archive-key-0001'));
    expect([s.current, s.error, s.secrets['storage.key']]).toEqual(['alerts', undefined, { kind: 'value', value: 'archive-key-0001' }]);
  });

  it('goes back with Esc, keeping every answer; at the first question it stays', () => {
    let s = run([answer('north-ridge'), answer('beacon.example.org'), back]);
    expect(s.current).toBe('site.domain');
    expect(s.answers).toEqual({ 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org' });
    s = reduce(s, back);
    expect(s.current).toBe('site.name');
    const first = reduce(s, back);
    expect([first.current, first.history]).toEqual(['site.name', []]);
    // Back clears the problem shown.
    expect(run([answer('North Ridge'), back]).error).toBeUndefined();
  });

  it('goes back past questions that no longer apply', () => {
    let s = run(REMOTE);
    s = run([edit('storage.mode'), answer('local')], s);
    expect(s.current).toBeUndefined();
    const path: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      s = reduce(s, back);
      path.push(s.current);
    }
    // storage.key and storage.url were answered, but the local archive needs neither.
    expect(path).toEqual(['storage.mode', 'secrets.vault_key', 'secrets.token', 'alerts', 'storage.mode']);
  });

  it('reaches the review, edits an answer, and asks only what the edit made necessary', () => {
    let s = run(LOCAL);
    expect(isComplete(s)).toBe(true);
    s = reduce(s, edit('storage.mode'));
    expect([s.current, s.editing]).toEqual(['storage.mode', true]);
    s = reduce(s, answer('remote'));
    expect([s.current, s.editing]).toEqual(['storage.url', true]);
    s = reduce(s, answer('https://archive.example.org/b'));
    expect(s.current).toBe('storage.key');
    s = reduce(s, typed('archive-key-0001'));
    expect([s.current, s.editing, isComplete(s)]).toEqual([undefined, false, true]);
    // An edit that needs nothing else goes straight back to the review.
    const sensors = run([edit('sensors'), answer(20)], run(LOCAL));
    expect([sensors.current, sensors.editing, sensors.answers['sensors']]).toEqual([undefined, false, 20]);
  });

  it('ignores an edit of a question that does not exist, and clears the problem on one that does', () => {
    const s = run(LOCAL);
    expect(reduce(s, edit('nothing.here'))).toBe(s);
    const failed = run([edit('sensors'), answer(0)], s);
    expect(failed.error).toBeDefined();
    expect(reduce(failed, edit('alerts')).error).toBeUndefined();
  });

  it('is complete only on the review with every answer valid', () => {
    expect(isComplete(start(beacon.questions))).toBe(false);
    expect(isComplete(run(LOCAL.slice(0, 7)))).toBe(false);
    expect(isComplete(run(LOCAL))).toBe(true);
    expect(isComplete(run(REMOTE))).toBe(true);
  });

  it('reads typed text as the kind\'s value, or says why it cannot be one', () => {
    expect(parseTyped(plainQuestion('sensors'), ' 12 ')).toEqual({ value: 12 });
    expect(parseTyped(plainQuestion('sensors'), 'ten')).toEqual({ error: '"ten" is not a whole number: type one from 1 to 500, in digits' });
    expect(parseTyped(plainQuestion('alerts'), 'Yes')).toEqual({ value: true });
    expect(parseTyped(plainQuestion('alerts'), 'n')).toEqual({ value: false });
    expect(parseTyped(plainQuestion('alerts'), 'maybe')).toEqual({ error: '"maybe" is not yes or no: type y or yes, n or no' });
    expect(parseTyped(plainQuestion('site.name'), ' as typed ')).toEqual({ value: ' as typed ' });
    expect(parseTyped(plainQuestion('storage.mode'), 'remote')).toEqual({ value: 'remote' });
  });
});

describe('toAnswers', () => {
  it('gives the answers that apply, generated secrets as {generate: true} and typed ones as text', () => {
    expect(toAnswers(run(LOCAL))).toEqual({
      'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', data_root: '/srv/beacon', sensors: 8, 'storage.mode': 'local', alerts: false,
      'secrets.token': { generate: true }, 'secrets.vault_key': { generate: true },
    });
    expect(toAnswers(run(REMOTE))).toMatchObject({ 'storage.url': 'https://archive.example.org/b', 'storage.key': 'archive-key-0001', alerts: true });
  });

  it('leaves out answers that no longer apply, and questions not answered yet', () => {
    const s = run([edit('storage.mode'), answer('local')], run(REMOTE));
    expect(s.answers['storage.url']).toBe('https://archive.example.org/b');
    expect(toAnswers(s)).not.toHaveProperty('storage.url');
    expect(toAnswers(s)).not.toHaveProperty('storage.key');
    expect(toAnswers(run(LOCAL.slice(0, 2)))).toEqual({ 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org' });
  });

  it('nests into answers that the answers-file checks accept as they are', () => {
    for (const events of [LOCAL, REMOTE]) {
      const data = nest(toAnswers(run(events)), { version: 1, stack: 'beacon' });
      const checked = checkAnswers(beacon, { data, problems: [], lineOf: () => undefined });
      expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(checked.answers).toEqual(run(events).answers);
    }
    const data = nest(toAnswers(run(REMOTE)), { version: 1, stack: 'beacon' });
    expect(data).toMatchObject({ version: 1, stack: 'beacon', site: { name: 'north-ridge' }, storage: { mode: 'remote', key: 'archive-key-0001' }, secrets: { token: { generate: true } } });
  });
});

describe('starting from earlier answers', () => {
  it('starts on the review when every answer is there and valid', () => {
    const done = run(REMOTE);
    const s = start(beacon.questions, { answers: { ...done.answers }, secrets: { ...done.secrets } });
    expect([s.current, isComplete(s), s.history]).toEqual([undefined, true, []]);
  });

  it('starts at the first question still needed: missing, or no longer valid', () => {
    const done = run(REMOTE);
    const without = (id: string) => Object.fromEntries(Object.entries(done.answers).filter(([k]) => k !== id));
    expect(start(beacon.questions, { answers: without('alerts'), secrets: { ...done.secrets } }).current).toBe('alerts');
    expect(start(beacon.questions, { answers: { ...done.answers, sensors: 900 }, secrets: { ...done.secrets } }).current).toBe('sensors');
    expect(start(beacon.questions, { answers: { ...done.answers }, secrets: { ...done.secrets, 'storage.key': { kind: 'value', value: 'short' } } }).current).toBe('storage.key');
    expect(start(beacon.questions, { answers: { ...done.answers }, secrets: { 'secrets.token': { kind: 'generate' } } }).current).toBe('storage.key');
    // Files found without any record: the first question.
    expect(start(beacon.questions, { answers: {}, secrets: {} }).current).toBe('site.name');
  });
});

describe('secrets kept as they are (reconfiguring)', () => {
  const KEPT = { 'storage.key': { kind: 'keep' }, 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' } } as const;

  it('count as answered, so a reconfigure opens on the review asking nothing', () => {
    const s = start(beacon.questions, { answers: { ...run(REMOTE).answers }, secrets: { ...KEPT } });
    expect([s.current, isComplete(s)]).toEqual([undefined, true]);
  });

  it('go to the install service as "keep current", never as a value; a changed one as typed', () => {
    const s = start(beacon.questions, { answers: { ...run(REMOTE).answers }, secrets: { ...KEPT } });
    expect(toAnswers(s)).toMatchObject({ 'storage.key': KEEP_CURRENT, 'secrets.token': KEEP_CURRENT, 'secrets.vault_key': KEEP_CURRENT });
    expect(isKeepCurrent(toAnswers(s)['storage.key'])).toBe(true);
    const changed = run([edit('storage.key'), typed('a-new-archive-key')], s);
    expect([changed.current, toAnswers(changed)['storage.key']]).toEqual([undefined, 'a-new-archive-key']);
    // Keeping it again from its question.
    expect(toAnswers(run([edit('storage.key'), { type: 'secret', choice: { kind: 'keep' } }], changed))['storage.key']).toBe(KEEP_CURRENT);
  });

  it('an edit asks only what it made necessary: a newly asked question, not the kept secrets', () => {
    const s = start(beacon.questions, { answers: { ...run(LOCAL).answers }, secrets: { 'secrets.token': { kind: 'keep' }, 'secrets.vault_key': { kind: 'keep' } } });
    const asked: (string | undefined)[] = [];
    let t = reduce(s, edit('storage.mode'));
    for (const e of [answer('remote'), answer('https://archive.example.org/b'), typed('archive-key-0001')]) {
      asked.push(t.current);
      t = reduce(t, e);
    }
    expect(asked).toEqual(['storage.mode', 'storage.url', 'storage.key']);
    expect(t.current).toBeUndefined();
  });
});

describe('starting at a question (continuing a draft)', () => {
  it('has the questions before it behind it: Esc goes to the one before', () => {
    const s = start(beacon.questions, { answers: { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org' }, secrets: {} });
    expect([s.current, s.history]).toEqual(['data_root', ['site.name', 'site.domain']]);
    expect(reduce(s, back).current).toBe('site.domain');
  });
});
