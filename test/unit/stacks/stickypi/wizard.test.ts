import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../../src/core/answers/check.js';
import { nest } from '../../../../src/core/answers/nesting.js';
import { currentQuestion, isComplete, parseTyped, position, reduce, start, suggested, toAnswers, type WizardEvent, type WizardState } from '../../../../src/core/wizard/machine.js';
import { stickypi } from '../../../../src/stacks/stickypi/index.js';

const run = (events: WizardEvent[], s: WizardState = start(stickypi.questions)) => events.reduce(reduce, s);
const answer = (value: string | number | boolean): WizardEvent => ({ type: 'answer', value });
const generate: WizardEvent = { type: 'secret', choice: { kind: 'generate' } };
const typed = (value: string): WizardEvent => ({ type: 'secret', choice: { kind: 'value', value } });

/** A first run to the review screen with local S3 (everything generatable) and no first user. */
const TO_REVIEW: WizardEvent[] = [
  answer('sticky.example.org'), answer('admin@example.org'), answer('/opt/sticky-pi-server'), answer(10), answer(52),
  answer('local'), answer('sticky-pi-prod'), generate, generate, generate, generate, generate, generate, answer(false),
];

describe('the wizard state machine', () => {
  it('asks the catalogue in order, with its position among the questions that apply', () => {
    let s = start(stickypi.questions);
    expect([s.current, position(s)]).toEqual(['domain', { index: 1, total: 15 }]);
    s = run(TO_REVIEW.slice(0, 6), s);
    // Local S3: the host question no longer applies, so the count drops and the bucket comes next.
    expect([s.current, position(s)]).toEqual(['s3.bucket', { index: 7, total: 14 }]);
    expect(suggested(s, currentQuestion(s)!)).toBe('sticky-pi-prod');
  });

  it('keeps an invalid answer on screen with the problem, and moves on once it is right', () => {
    let s = run([answer('Not A Domain')]);
    expect(s.current).toBe('domain');
    expect(s.error).toMatch(/Domain name of the server: this has spaces|white space/);
    s = reduce(s, answer('sticky.example.org'));
    expect([s.current, s.error]).toEqual(['admin_email', undefined]);
  });

  it('goes back with Esc and keeps every answer', () => {
    const s = run([answer('sticky.example.org'), answer('admin@example.org'), { type: 'back' }]);
    expect(s.current).toBe('admin_email');
    expect(s.answers).toMatchObject({ domain: 'sticky.example.org', admin_email: 'admin@example.org' });
    const again = reduce(reduce(s, { type: 'back' }), { type: 'back' });
    expect(again.current).toBe('domain');
  });

  it('refuses to generate what must come from a provider, and takes a typed value', () => {
    let s = run([...TO_REVIEW.slice(0, 5), answer('remote'), answer('s3.example-provider.com'), answer('sticky-pi-prod')]);
    expect(s.current).toBe('s3.access_key');
    s = reduce(s, generate);
    expect(s.error).toMatch(/cannot be generated/);
    s = reduce(s, typed('short'));
    expect(s.error).toMatch(/at least 8/);
    s = reduce(s, typed('AKIAEXAMPLEKEY123'));
    expect(s.current).toBe('s3.private_key');
  });

  it('reaches review, edits an answer, and asks only what the edit made necessary', () => {
    let s = run(TO_REVIEW);
    expect(isComplete(s)).toBe(true);
    s = reduce(s, { type: 'edit', id: 's3.mode' });
    s = reduce(s, answer('remote'));
    // Remote S3 needs a host and keys that cannot be generated: asked now, nothing else.
    expect(s.current).toBe('s3.host');
    s = run([answer('s3.example-provider.com')], s);
    expect(s.current).toBe('s3.access_key');
    s = run([typed('AKIAEXAMPLEKEY123'), typed('a-private-key-value')], s);
    expect(isComplete(s)).toBe(true);
  });

  it('gives answers that the answers-file checks accept as they are', () => {
    const s = run(TO_REVIEW);
    const data = nest(toAnswers(s), { version: 1, stack: 'stickypi' });
    expect(data).toMatchObject({ version: 1, stack: 'stickypi', s3: { mode: 'local', access_key: { generate: true } }, first_user: { create: false } });
    const checked = checkAnswers(stickypi, { data, problems: [], lineOf: () => undefined });
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('starts at review when reconfiguring a complete install', () => {
    const done = run(TO_REVIEW);
    expect(start(stickypi.questions, { answers: { ...done.answers }, secrets: { ...done.secrets } }).current).toBeUndefined();
  });

  it('reads typed numbers and yes/no', () => {
    const devices = stickypi.questions.find((q) => q.id === 'devices')!;
    const create = stickypi.questions.find((q) => q.id === 'first_user.create')!;
    if (devices.kind === 'secret' || create.kind === 'secret') throw new Error('unexpected kinds');
    expect(parseTyped(devices, ' 12 ')).toEqual({ value: 12 });
    expect(parseTyped(devices, 'ten')).toEqual({ error: '"ten" is not a whole number: type one from 1 to 100000, in digits' });
    expect(parseTyped(create, 'Yes')).toEqual({ value: true });
  });
});
