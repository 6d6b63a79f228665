import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdirs } from '../../../src/io/executors/mkdir.js';
import { mkdir, mkdirKind, symbolicBits, type FolderSpec } from '../../../src/kit/steps/mkdir.js';
import { tempDir } from '../../helpers/cli.js';

const mode = (path: string) => statSync(path).mode & 0o7777;
const owner = (path: string) => `${statSync(path).uid}:${statSync(path).gid}`;
const isRoot = process.getuid?.() === 0;

/** Runs the real executor and returns its outcome with the lines it said. */
async function run(folders: readonly FolderSpec[]) {
  const lines: string[] = [];
  const outcome = await mkdirs(mkdir(folders), { signal: new AbortController().signal, onLine: (line) => lines.push(line) });
  return { outcome, lines };
}

describe('the mkdir step', () => {
  it('prints each folder with its mode, owner and why, and the rule for parents and existing folders', () => {
    const step = mkdir([
      { path: '/srv/x/db', mode: 0o750, owner: { uid: 999, gid: 999 }, why: 'the database runs as 999' },
      { path: '/srv/x/www', mode: 0o755, why: 'the web server\'s workers read it' },
    ]);
    expect(mkdirKind.describe(step)).toEqual([
      'folder /srv/x/db  (mode 0750, owner 999:999): the database runs as 999',
      'folder /srv/x/www  (mode 0755): the web server\'s workers read it',
      'missing parents are made 0755; an existing folder keeps its owner and only gains the bits it lacks',
    ]);
    expect(mkdirKind.writes!(step)).toEqual(['/srv/x/db', '/srv/x/www']);
  });

  it.each([[0o005, 'o+rx'], [0o055, 'g+rx,o+rx'], [0o700, 'u+rwx'], [0o020, 'g+w']])('names bits %o as %s', (bits, text) => expect(symbolicBits(bits)).toBe(text));

  it('creates each folder with exactly its mode, outer folders first, and missing parents 0755', async () => {
    const work = tempDir();
    const root = join(work, 'a', 'b');
    // Listed inner first: the outer one must still get its own mode, not the parents' 0755.
    const { outcome, lines } = await run([
      { path: join(root, 'keys', 'site'), mode: 0o700, why: 'a key' },
      { path: join(root, 'keys'), mode: 0o711, why: 'passed through' },
    ]);
    expect(outcome).toEqual({ ok: true });
    expect([mode(join(work, 'a')), mode(root), mode(join(root, 'keys')), mode(join(root, 'keys', 'site'))]).toEqual([0o755, 0o755, 0o711, 0o700]);
    expect(lines).toEqual([
      `${join(root, 'keys')}: created (mode 0711); also its missing parents ${join(work, 'a')}, ${root} (mode 0755)`,
      `${join(root, 'keys', 'site')}: created (mode 0700)`,
    ]);
  });

  it('gives a new folder its owner (as root); without root it fails and says why', async () => {
    const work = tempDir();
    const db = join(work, 'db');
    const { outcome, lines } = await run([{ path: db, mode: 0o750, owner: { uid: 999, gid: 999 }, why: 'the database' }]);
    if (isRoot) {
      expect(outcome).toEqual({ ok: true });
      expect([owner(db), mode(db)]).toEqual(['999:999', 0o750]);
      expect(lines).toEqual([`${db}: created (mode 0750, owner 999:999)`]);
    } else {
      expect(outcome).toEqual({ ok: false, error: `cannot create ${db}: permission denied (run as root or as the folder's owner)` });
    }
  });

  it('on a re-run only adds the bits a folder lacks, says so, never tightens and never chowns', async () => {
    const work = tempDir();
    const www = join(work, 'www');
    const db = join(work, 'db');
    const open = join(work, 'open');
    mkdirSync(www);
    chmodSync(www, 0o750);
    mkdirSync(db);
    chmodSync(db, 0o700);
    mkdirSync(open);
    chmodSync(open, 0o2777);
    const me = owner(work);
    const { outcome, lines } = await run([
      { path: www, mode: 0o755, why: 'the workers read it' },
      { path: db, mode: 0o750, owner: { uid: 999, gid: 999 }, why: 'the database' },
      { path: open, mode: 0o755, why: 'anyone reads it' },
    ]);
    expect(outcome).toEqual({ ok: true });
    expect([mode(www), mode(db), mode(open)]).toEqual([0o755, 0o750, 0o2777]);
    expect(owner(db)).toBe(me);
    expect(lines).toEqual([
      `${www}: exists; added o+rx (mode 0750 -> 0755) for: the workers read it`,
      `${db}: exists; added g+rx (mode 0700 -> 0750) for: the database; owner ${me} kept, not 999:999 (an existing folder is never chowned)`,
      `${open}: exists (mode 0777), nothing to add`,
    ]);
    // And again: nothing left to add.
    expect((await run([{ path: www, mode: 0o755, why: 'the workers read it' }])).lines).toEqual([`${www}: exists (mode 0755), nothing to add`]);
  });

  it('fails, naming the path, when a file is in the way', async () => {
    const work = tempDir();
    writeFileSync(join(work, 'data'), 'not a folder\n');
    expect((await run([{ path: join(work, 'data'), mode: 0o755, why: 'x' }])).outcome).toEqual({ ok: false, error: `cannot create ${join(work, 'data')}: a file is in the way of a folder` });
    expect((await run([{ path: join(work, 'data', 'www'), mode: 0o755, why: 'x' }])).outcome).toEqual({ ok: false, error: `cannot create ${join(work, 'data', 'www')}: a file is in the way of a folder` });
  });
});
