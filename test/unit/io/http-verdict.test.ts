import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hint, judge, partLines } from '../../../src/io/executors/http-verdict.js';
import type { HttpCheck } from '../../../src/kit/steps/http.js';
import type { JsonExpectation } from '../../../src/kit/steps/json-expectation.js';

// judge() reads only the status and the headers of a response: these branches need no socket.
const answer = (status: number, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({ statusCode: status, headers }) as unknown as IncomingMessage;
const body = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
const url = new URL('http://127.0.0.1:8000/__heartbeat__?key=never-shown');

const UP: JsonExpectation = { path: 'redis.up', equals: true, part: 'Redis', fix: 'start Redis' };
const check = (expect: Partial<HttpCheck['expect']>): HttpCheck => ({
  method: 'GET',
  url: url.href,
  expect: { status: 200, json: [UP], diagnoseOn: [503], description: 'all up', ...expect },
  deadlineSeconds: 0,
});

describe('the verdict on one answer', () => {
  it('passes an answer whose parts are all as expected', () => {
    expect(judge(check({}), answer(200), body({ redis: { up: true } }), false, url)).toEqual({ ok: true, status: 200, reason: 'HTTP 200 OK' });
  });

  it('names the failing parts of a healthy status and of a diagnosed one alike, and lists them for the error', () => {
    const ok = judge(check({}), answer(200), body({ redis: { up: false } }), false, url);
    expect(ok).toMatchObject({ ok: false, kind: 'parts', reason: 'HTTP 200 OK but not as expected: Redis' });
    const down = judge(check({}), answer(503), body({ redis: { up: null } }), false, url);
    expect(down).toMatchObject({ ok: false, kind: 'parts', reason: 'HTTP 503 Service Unavailable (expected 200); not as expected: Redis' });
    expect(partLines(down)).toEqual(['  - Redis: redis.up is null, expected true. Fix: start Redis']);
    expect(hint(down, url, '127.0.0.1:8000')).toBe('Fix each part below:');
  });

  it('treats a diagnosed status as any failing status when no part is judged, or its answer is too large', () => {
    expect(judge(check({ json: [] }), answer(503), body({ redis: { up: false } }), false, url)).toMatchObject({ kind: 'server', reason: 'HTTP 503 Service Unavailable (expected 200)' });
    expect(judge(check({}), answer(503), body({ redis: { up: false } }), true, url)).toMatchObject({ kind: 'server', reason: 'HTTP 503 Service Unavailable (expected 200), and its answer is not the JSON that names what is wrong' });
    expect(judge(check({}), answer(503), body('down'), false, url)).toMatchObject({ kind: 'server' });
  });

  it('checks the JSON keys first: a missing key means another service, not a part to fix', () => {
    expect(judge(check({ jsonKeys: ['redis', 'database'] }), answer(200), body({ redis: { up: false } }), false, url)).toMatchObject({ kind: 'json', reason: 'HTTP 200 OK but the JSON lacks database' });
  });

  it('says a bare JSON value is not an object, rather than every part missing', () => {
    expect(judge(check({}), answer(200), body('OK'), false, url)).toMatchObject({ kind: 'json', reason: 'HTTP 200 OK but the JSON is a string, not an object' });
    expect(judge(check({}), answer(200), body(null), false, url)).toMatchObject({ kind: 'json', reason: 'HTTP 200 OK but the JSON is null, not an object' });
  });

  it('judges parts of a list by index, after the list item it must hold', () => {
    const listed = check({ listItem: { key: 'username', value: 'spi' }, json: [{ path: '0.id', isNumber: true, part: 'the first user', fix: 'see the API logs' }] });
    expect(judge(listed, answer(200), body([{ username: 'spi', id: 2 }]), false, url)).toMatchObject({ ok: true });
    expect(judge(listed, answer(200), body([{ username: 'spi', id: 'two' }]), false, url)).toMatchObject({ kind: 'parts', reason: 'HTTP 200 OK but not as expected: the first user' });
    expect(judge(listed, answer(200), body([{ username: 'other', id: 2 }]), false, url)).toMatchObject({ kind: 'json', reason: 'HTTP 200 OK but the list has no username "spi"' });
  });
});
