import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../../src/app/answers.js';
import { AnswersError, type Problem } from '../../../src/core/errors.js';
import type { Answers } from '../../../src/core/questions/types.js';
import type { HostFileRules } from '../../../src/core/stack.js';
import { hostFiles } from '../../../src/io/host-files.js';
import { beacon, beaconEntry } from '../../fixtures/stacks/beacon/index.js';
import { ROOT, tempDir } from '../../helpers/cli.js';

/**
 * The app's side of a stack's hostFiles rules, with rules of the test's own (the certificate rules are
 * tested with real certificates in test/integration/cli/host-files.test.ts): which files are read, where,
 * at which time, and how their problems join the answers' own.
 */
const NOW = new Date('2026-11-23T10:00:00Z');

/** Beacon, whose data_root must hold a file `marker` that reads "ready". */
function world(rules?: Partial<HostFileRules>) {
  const seen: { answers?: Answers; files?: ReadonlyMap<string, Uint8Array | undefined>; now?: Date } = {};
  const hostFilesRules: HostFileRules = {
    paths: (answers) => (typeof answers['data_root'] === 'string' ? [{ id: 'data_root', path: join(answers['data_root'], 'marker') }] : []),
    check(answers, files, now) {
      Object.assign(seen, { answers, files, now });
      const problems: Problem[] = [];
      for (const [path, bytes] of files) {
        if (bytes !== undefined && Buffer.from(bytes).toString() !== 'ready') problems.push({ path: 'data_root', severity: 'error', message: `has ${path} not ready`, fix: 'Make it ready.' });
      }
      return problems;
    },
    ...rules,
  };
  const stack = { ...beacon, hostFiles: hostFilesRules };
  const root = tempDir();
  const deps = { stacks: [{ ...beaconEntry, load: async () => stack }], templatesRoot: join(ROOT, 'templates'), env: {}, files: hostFiles(root), now: () => NOW };
  return { deps, root, seen };
}

const problemsOf = async (run: Promise<unknown>): Promise<readonly Problem[]> => {
  const error = await run.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AnswersError);
  return (error as AnswersError).problems;
};

describe('hostFiles rules at validation', () => {
  const data = (dataRoot: unknown, name = 'north-ridge') => ({ kind: 'data' as const, stack: 'beacon', baseDir: '/nonexistent', data: { version: 1, stack: 'beacon', site: { name, domain: 'beacon.example.org' }, data_root: dataRoot } });

  it('reads the files under the tests\' host root, and gives the check their bytes and the clock of deps', async () => {
    const w = world();
    mkdirSync(join(w.root, 'srv/beacon'), { recursive: true });
    writeFileSync(join(w.root, 'srv/beacon/marker'), 'ready');
    await loadAnswers(w.deps, data('/srv/beacon'));
    expect(Buffer.from(w.seen.files!.get('/srv/beacon/marker')!).toString()).toBe('ready');
    expect(w.seen.now).toBe(NOW);
  });

  it('the wizard\'s answers: a file that cannot be read and the stack\'s own problems, with the other answers\' problems', async () => {
    const w = world();
    const problems = await problemsOf(loadAnswers(w.deps, data('/srv/beacon', 'Bad Name')));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['site.name', expect.stringContaining('is "Bad Name"')],
      ['data_root', 'points at /srv/beacon/marker, which does not exist'],
    ]);
    expect(w.seen.files!.get('/srv/beacon/marker')).toBeUndefined();

    mkdirSync(join(w.root, 'srv/beacon'), { recursive: true });
    writeFileSync(join(w.root, 'srv/beacon/marker'), 'not yet');
    expect((await problemsOf(loadAnswers(w.deps, data('/srv/beacon')))).map((p) => p.message)).toEqual(['has /srv/beacon/marker not ready']);
  });

  it('an answers file: the problems carry the line of the answer that gave the path', async () => {
    const w = world();
    const file = join(w.root, 'beacon.yaml');
    writeFileSync(file, 'version: 1\nstack: beacon\nsite:\n  name: north-ridge\n  domain: beacon.example.org\ndata_root: /srv/beacon\n');
    expect(await problemsOf(loadAnswers(w.deps, { kind: 'file', path: file }))).toEqual([expect.objectContaining({ path: 'data_root', line: 6, message: 'points at /srv/beacon/marker, which does not exist' })]);
  });

  it('an answer that failed its own check is absent: its file is not read', async () => {
    const w = world();
    const problems = await problemsOf(loadAnswers(w.deps, data('relative/path')));
    expect(problems.map((p) => p.path)).toEqual(['data_root']);
    expect(w.seen.answers!['data_root']).toBeUndefined();
    expect(w.seen.files!.size).toBe(0);
  });
});
