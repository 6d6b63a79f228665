import { describe, expect, it } from 'vitest';
import { reduce, start, type WizardEvent } from '../../../src/core/wizard/machine.js';
import { displayAnswer } from '../../../src/ui/ink/answer-display.js';
import { escapeFromEdit } from '../../../src/ui/ink/edit-escape.js';
import { firstEnabled, stepIndex, typeAhead, windowAround } from '../../../src/ui/ink/list-navigation.js';
import { exitCodeFor } from '../../../src/core/session/flow.js';
import { applyRunEvent, counts, emptyProgress } from '../../../src/core/session/progress.js';
import { aboutOf } from '../../../src/core/stack.js';
import { ASCII_GLYPHS, themeFor, UNICODE_GLYPHS } from '../../../src/ui/ink/theme.js';
import { cellOf } from '../../../src/ui/ink/TextInput.js';
import { bulletRows, cutRows, displayWidth, fitRow, hangingRows, joinRows, padDisplay, wrapText } from '../../../src/ui/ink/wrap-text.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';

describe('moving through a list', () => {
  const items = [{ label: 'Reconfigure' }, { label: 'Resume' }, { label: 'Rotate secrets', disabled: true }, { label: 'Quit' }];

  it('skips disabled items and wraps around', () => {
    expect(stepIndex(items, 1, 1)).toBe(3);
    expect(stepIndex(items, 3, 1)).toBe(0);
    expect(stepIndex(items, 0, -1)).toBe(3);
    expect(firstEnabled([{ label: 'a', disabled: true }, { label: 'b' }])).toBe(1);
  });

  it('jumps by typed letters: the prefix grows while it matches, else starts again', () => {
    expect(typeAhead(items, '', 'r')).toEqual({ index: 0, prefix: 'r' });
    expect(typeAhead(items, 'r', 'e')).toEqual({ index: 0, prefix: 're' });
    expect(typeAhead(items, 're', 's')).toEqual({ index: 1, prefix: 'res' });
    expect(typeAhead(items, 're', 'q')).toEqual({ index: 3, prefix: 'q' });
    expect(typeAhead(items, '', 'r').index).not.toBe(2);
    expect(typeAhead(items, 'x', 'z')).toEqual({ index: undefined, prefix: '' });
  });

  it('shows a window that follows the highlight', () => {
    expect(windowAround(0, 20, 5)).toEqual({ start: 0, end: 5 });
    expect(windowAround(10, 20, 5)).toEqual({ start: 8, end: 13 });
    expect(windowAround(19, 20, 5)).toEqual({ start: 15, end: 20 });
    expect(windowAround(3, 4, 5)).toEqual({ start: 0, end: 4 });
  });
});

describe('fitting text', () => {
  it('wraps at spaces like Ink, without moving a space to the next row', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('aaaaaaaaaa', 4)).toEqual(['aaaa', 'aaaa', 'aa']);
    expect(wrapText('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
    expect(bulletRows('•', 'aaa bbb ccc', 9)).toEqual(['• aaa bbb', '  ccc']);
  });

  it('cuts a row with the theme\'s ellipsis, and breaks key hints between hints', () => {
    expect(fitRow('abcdefgh', 5, '...')).toBe('ab...');
    expect(fitRow('abcdefgh', 5, '…')).toBe('abcd…');
    expect(fitRow('abc', 5, '…')).toBe('abc');
    expect(joinRows(['Enter accept', 'Esc back', 'Ctrl-C quit'], ' · ', 24)).toEqual(['Enter accept · Esc back', 'Ctrl-C quit']);
  });

  it('measures text in the columns the terminal gives it: wide characters two, emoji two, accents none', () => {
    expect(displayWidth('日本👍e\u0301')).toBe(7);
    expect(padDisplay('日本', 6)).toBe('日本  ');
    expect(fitRow('観測データの保存先', 9, '…')).toBe('観測デー…');
    expect(wrapText('観測データ 保存先', 6)).toEqual(['観測デ', 'ータ', '保存先']);
    expect(joinRows(['日本語 ok', 'Esc back'], ' · ', 20)).toEqual(['日本語 ok · Esc back']);
    expect(joinRows(['日本語 ok', 'Esc back'], ' · ', 19)).toEqual(['日本語 ok', 'Esc back']);
  });

  it('keeps a line\'s indentation on every row it wraps into', () => {
    expect(wrapText('  fieldstation resume --dir /srv/x', 16)).toEqual(['  fieldstation', '  resume --dir', '  /srv/x']);
  });

  it('cuts a value where the row is full, and hangs the rest of a list item under its value', () => {
    expect(cutRows("+COMPOSE_FILE='a.yml:b.yml'", 16, 1)).toEqual(["+COMPOSE_FILE='a", " .yml:b.yml'"]);
    expect(cutRows('日本語のテキスト', 5, 1)).toEqual(['日本', ' 語の', ' テキ', ' スト']);
    expect(hangingRows('Storage  remote: Also in a remote archive', 26, 9)).toEqual(['Storage  remote: Also in a', '         remote archive']);
    expect(hangingRows('Data folder  /srv/a-very-long-folder-name', 24, 13)).toEqual(['Data folder  /srv/a-very', '             -long-folde', '             r-name']);
  });

  it('finds the cell of a field\'s cursor in its text as Ink wraps it', () => {
    expect(cellOf('abc ', 3, 10)).toEqual({ x: 3, y: 0 });
    expect(cellOf('abcdef ', 6, 4)).toEqual({ x: 2, y: 1 });
    expect(cellOf('日本語 ', 2, 10)).toEqual({ x: 4, y: 0 });
    expect(cellOf('abcd ', 4, 4)).toEqual({ x: 0, y: 1 });
  });

  it('spells typographic characters in ASCII when the terminal has no Unicode', () => {
    expect(themeFor({ unicode: false, color: false }).plain('is 0, outside 1–100000 … → ok')).toBe('is 0, outside 1-100000 ... -> ok');
    expect(themeFor({ unicode: true, color: false }).plain('1–2')).toBe('1–2');
    expect(themeFor({ unicode: true, color: false }).tone('bad')).toBeUndefined();
    expect(themeFor({ unicode: true, color: true }).tone('bad')).toBe('red');
    const ascii = JSON.stringify(ASCII_GLYPHS);
    expect([...ascii].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(Object.keys(ASCII_GLYPHS)).toEqual(Object.keys(UNICODE_GLYPHS));
  });
});

describe('the progress model', () => {
  const T = '2026-11-23T10:00:00.000Z';
  it('folds the runner\'s events: earlier steps, the last five output lines, retries, the end', () => {
    let m = applyRunEvent(emptyProgress, { type: 'run-started', at: T, runId: 'r', stack: 'beacon', dir: '/d', logPath: '/d/log', resumed: true, steps: [{ id: 'a', title: 'A', status: 'done' }, { id: 'b', title: 'B', status: 'pending' }] });
    expect(m.steps.map((s) => [s.id, s.status, s.earlier])).toEqual([['a', 'done', true], ['b', 'pending', false]]);
    m = applyRunEvent(m, { type: 'step-started', at: T, id: 'b', title: 'B', attempt: 1, attempts: 2 });
    for (let i = 1; i <= 7; i++) m = applyRunEvent(m, { type: 'step-output', at: T, id: 'b', stream: 'stdout', line: `l${i}` });
    expect(m.steps[1]!.output).toEqual(['l3', 'l4', 'l5', 'l6', 'l7']);
    m = applyRunEvent(m, { type: 'step-retry', at: T, id: 'b', attempt: 1, error: 'exit 1', delaySeconds: 2 });
    expect(m.steps[1]).toMatchObject({ status: 'retrying', error: 'exit 1', retryInSeconds: 2 });
    expect(counts(m)).toEqual({ finished: 1, total: 2 });
    m = applyRunEvent(m, { type: 'step-succeeded', at: T, id: 'b', title: 'B', seconds: 3 });
    m = applyRunEvent(m, { type: 'run-finished', at: T, status: 'succeeded', seconds: 3, logPath: '/d/log' });
    expect(counts(m)).toEqual({ finished: 2, total: 2 });
    expect(m.finished).toEqual({ status: 'succeeded', seconds: 3 });
  });

  it('adds a step it was not told about', () => {
    const m = applyRunEvent(emptyProgress, { type: 'step-skipped', at: T, id: 'x', title: 'X', reason: 'done' });
    expect(m.steps).toMatchObject([{ id: 'x', status: 'skipped', reason: 'done' }]);
  });
});

describe('small rules of the screens', () => {
  const answer = (value: string | number | boolean): WizardEvent => ({ type: 'answer', value });
  const generate: WizardEvent = { type: 'secret', choice: { kind: 'generate' } };
  const review = [answer('north-ridge'), answer('beacon.example.org'), answer('/srv/beacon'), answer(8), answer('local'), answer(false), generate, generate].reduce(reduce, start(beacon.questions));

  it('leaves a change from the review back through its own questions, then restores the review', () => {
    expect(review.current).toBeUndefined();
    let s = reduce(review, { type: 'edit', id: 'storage.mode' });
    expect(escapeFromEdit(review, s)).toBe('restore');
    s = reduce(s, answer('remote'));
    expect(s.current).toBe('storage.url');
    expect(escapeFromEdit(review, s)).toEqual({ type: 'edit', id: 'storage.mode' });
    s = reduce(s, answer('https://archive.example.org/beacon'));
    expect(escapeFromEdit(review, s)).toEqual({ type: 'edit', id: 'storage.url' });
  });

  it('shows answers for the review: never a typed secret', () => {
    const s = reduce(reduce(review, { type: 'edit', id: 'secrets.token' }), { type: 'secret', choice: { kind: 'value', value: 'typed-value-that-is-long-enough-for-the-token' } });
    const q = (id: string) => beacon.questions.find((x) => x.id === id)!;
    expect(displayAnswer(q('secrets.token'), s, UNICODE_GLYPHS)).toBe('••••••••');
    expect(displayAnswer(q('secrets.token'), s, ASCII_GLYPHS)).toBe('********');
    expect(displayAnswer(q('secrets.vault_key'), s, UNICODE_GLYPHS)).toBe('generated');
    expect(displayAnswer(q('alerts'), s, UNICODE_GLYPHS)).toBe('no');
    expect(displayAnswer(q('storage.mode'), s, UNICODE_GLYPHS)).toBe('local: On this machine');
  });

  it('maps how a run ended to the exit code', () => {
    const base = { stack: aboutOf(beacon), dir: '/d', checks: [], notes: [], resumeCommand: '' };
    const statuses = ['succeeded', 'written', 'failed', 'interrupted', 'refused', 'declined'] as const;
    expect(statuses.map((status) => exitCodeFor({ ...base, status }))).toEqual([0, 0, 4, 130, 3, 130]);
  });
});
