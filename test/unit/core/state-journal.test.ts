import { describe, expect, it } from 'vitest';
import { hasFinishedSteps, isFinished, newJournal, readJournal, stoppedAt, withStep, type Journal, type StepRecord } from '../../../src/core/run/journal.js';
import { readState, STATE_VERSION } from '../../../src/core/state/state.js';

const FILES = [{ path: 'beacon.conf', mode: 0o600, maskedSha256: 'a'.repeat(64) }, { path: '.env', mode: 0o600, maskedSha256: 'b'.repeat(64) }];
const ANSWERS = { 'site.name': 'north-ridge', 'site.domain': 'beacon.example.org', sensors: 8, alerts: false };
const SOURCES = { 'secrets.token': { generate: true }, 'storage.key': { env: 'BEACON_ARCHIVE_KEY' } };
const V2 = { version: 2, tool: 'fieldstation 0.1.0', stack: 'beacon', appliedAt: '2026-11-23T10:00:00.000Z', answers: ANSWERS, secretSources: SOURCES, files: FILES };
/** As fieldstation wrote it before the sources were renamed. */
const V1 = { version: 1, tool: 'fieldstation 0.0.9', stack: 'beacon', appliedAt: '2026-11-23T10:00:00.000Z', answers: ANSWERS, secrets: SOURCES, files: FILES };

describe('readState', () => {
  it('reads the current version as it is', () => {
    expect(STATE_VERSION).toBe(2);
    expect(readState(V2)).toEqual({ state: V2 });
  });

  it('migrates version 1: `secrets` becomes `secretSources`, nothing else changes', () => {
    const before = structuredClone(V1);
    const read = readState(V1);
    expect(read).toEqual({ state: { ...V2, tool: 'fieldstation 0.0.9' } });
    expect('state' in read && 'secrets' in read.state).toBe(false);
    // The data read is not changed in place.
    expect(V1).toEqual(before);
  });

  it('refuses a version written by a newer fieldstation', () => {
    expect(readState({ ...V2, version: 3 })).toEqual({ problem: 'is format version 3, written by a newer fieldstation (this one reads up to 2)' });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'is not a JSON object'],
    ['a list', [V2], 'is not a JSON object'],
    ['text', 'state', 'is not a JSON object'],
    ['no version', { ...V2, version: undefined }, 'has no valid format version (undefined)'],
    ['version as text', { ...V2, version: '2' }, 'has no valid format version ("2")'],
    ['version 0', { ...V2, version: 0 }, 'has no valid format version (0)'],
    ['a fractional version', { ...V2, version: 1.5 }, 'has no valid format version (1.5)'],
    ['no stack', { ...V2, stack: undefined }, 'has no stack, answers, secret sources or files'],
    ['a stack that is not text', { ...V2, stack: 7 }, 'has no stack, answers, secret sources or files'],
    ['answers as a list', { ...V2, answers: [] }, 'has no stack, answers, secret sources or files'],
    ['no secret sources', { ...V2, secretSources: undefined }, 'has no stack, answers, secret sources or files'],
    ['version 1 without its secrets', { ...V1, secrets: undefined }, 'has no stack, answers, secret sources or files'],
    ['version 2 with the old name', { ...V2, secretSources: undefined, secrets: SOURCES }, 'has no stack, answers, secret sources or files'],
    ['files as a mapping', { ...V2, files: {} }, 'has no stack, answers, secret sources or files'],
    ['an answer that is a mapping', { ...V2, answers: { ...ANSWERS, nested: { a: 1 } } }, 'has an answer that is not text, a number or true/false'],
    ['an answer that is null', { ...V2, answers: { ...ANSWERS, sensors: null } }, 'has an answer that is not text, a number or true/false'],
    ['a version-1 answer that is a list', { ...V1, answers: { x: [1] } }, 'has an answer that is not text, a number or true/false'],
  ])('refuses %s, saying why', (_name, data, problem) => {
    expect(readState(data)).toEqual({ problem });
  });
});

const AT = '2026-11-23T10:00:00Z';
const JOURNAL: Journal = {
  version: 1,
  runId: '2026-11-23T10-00-00',
  stack: 'beacon',
  startedAt: AT,
  updatedAt: '2026-11-23T10:00:05Z',
  status: 'failed',
  steps: {
    folders: { status: 'done', at: '2026-11-23T10:00:01Z' },
    marker: { status: 'skipped', at: '2026-11-23T10:00:02Z', note: 'marker is there' },
    start: { status: 'failed', at: '2026-11-23T10:00:05Z', note: 'exit code 1' },
  },
  logs: ['/srv/beacon-logger/.fieldstation/logs/2026-11-23T10-00-00.log'],
};

describe('readJournal', () => {
  it('reads a journal as it is', () => {
    expect(readJournal(JOURNAL)).toEqual({ journal: JOURNAL });
    for (const status of ['running', 'succeeded', 'failed', 'interrupted'] as const) expect(readJournal({ ...JOURNAL, status })).toEqual({ journal: { ...JOURNAL, status } });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'is not a JSON object'],
    ['a list', [JOURNAL], 'is not a JSON object'],
    ['another version', { ...JOURNAL, version: 2 }, 'is format version 2, which this fieldstation does not read'],
    ['no version', { ...JOURNAL, version: undefined }, 'is format version undefined, which this fieldstation does not read'],
    ['version as text', { ...JOURNAL, version: '1' }, 'is format version "1", which this fieldstation does not read'],
    ['no run id', { ...JOURNAL, runId: undefined }, 'has no run id, stack, status, steps or logs'],
    ['no stack', { ...JOURNAL, stack: 3 }, 'has no run id, stack, status, steps or logs'],
    ['an unknown status', { ...JOURNAL, status: 'paused' }, 'has no run id, stack, status, steps or logs'],
    ['steps as a list', { ...JOURNAL, steps: [] }, 'has no run id, stack, status, steps or logs'],
    ['logs as text', { ...JOURNAL, logs: 'run.log' }, 'has no run id, stack, status, steps or logs'],
  ])('refuses %s, saying why', (_name, data, problem) => {
    expect(readJournal(data)).toEqual({ problem });
  });

  it.each<[string, unknown]>([
    ['a step record that is null', { folders: null }],
    ['a step record that is text', { folders: 'done' }],
  ])('refuses %s, which is no record of a step', (_name, steps) => {
    expect(readJournal({ ...JOURNAL, steps })).toEqual({ problem: expect.any(String) });
  });
});

describe('the journal of a run', () => {
  it('starts running with no step, and records each step with the time of its record', () => {
    const j = newJournal('r1', 'beacon', AT, '/log');
    expect(j).toEqual({ version: 1, runId: 'r1', stack: 'beacon', startedAt: AT, updatedAt: AT, status: 'running', steps: {}, logs: ['/log'] });
    const next = withStep(j, 'folders', { status: 'done', at: '2026-11-23T10:00:09Z' });
    expect(next).toMatchObject({ updatedAt: '2026-11-23T10:00:09Z', steps: { folders: { status: 'done' } } });
    expect(j.steps).toEqual({});
  });

  it.each<[string, Record<string, StepRecord>, string | undefined]>([
    ['the failed step', JOURNAL.steps, 'start'],
    ['an interrupted step', { folders: { status: 'done', at: AT }, marker: { status: 'interrupted', at: AT } }, 'marker'],
    ['the first of two', { a: { status: 'interrupted', at: AT }, b: { status: 'failed', at: AT } }, 'a'],
    ['nothing when every step finished', { folders: { status: 'done', at: AT }, marker: { status: 'skipped', at: AT } }, undefined],
    ['nothing when no step ran', {}, undefined],
  ])('stops at %s', (_name, steps, step) => {
    expect(stoppedAt({ ...JOURNAL, steps })).toBe(step);
  });

  it('says which steps a resumed run must not redo, and whether an earlier run got somewhere', () => {
    expect([isFinished({ status: 'done', at: AT }), isFinished({ status: 'skipped', at: AT }), isFinished({ status: 'failed', at: AT }), isFinished({ status: 'interrupted', at: AT }), isFinished(undefined)]).toEqual([true, true, false, false, false]);
    expect(hasFinishedSteps(JOURNAL)).toBe(true);
    expect(hasFinishedSteps({ ...JOURNAL, steps: { marker: { status: 'skipped', at: AT } } })).toBe(false);
    expect(hasFinishedSteps(undefined)).toBe(false);
  });
});
