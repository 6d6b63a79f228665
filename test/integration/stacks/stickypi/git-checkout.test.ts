import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACKED_NOTE } from '../../../../src/core/plan/describe.js';
import { runCli, tempDir } from '../../../helpers/cli.js';
import { EXAMPLE_ENV, writeStickypiAnswers } from './answers.js';
import { writeUpstreamServer } from './upstream.js';

/** git as the test runs it, and as fieldstation finds it: no system or user configuration of this machine. */
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const env = { ...EXAMPLE_ENV, ...GIT_ENV };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=develop', ...args], { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  if (r.error) throw new Error(`git is not installed; this test uses a real checkout: apt-get install -y git (${r.error.message})`);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A clone-like checkout of upstream in `work`: server/ with its Compose files, .env, .prod.env and .gitignore committed. */
function upstreamCheckout(work: string, folder = 'server'): { top: string; dir: string } {
  const top = join(work, 'sticky-pi-api');
  const dir = writeUpstreamServer(join(top, folder), { tracked: true });
  git(top, 'init', '-q');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'upstream');
  return { top, dir };
}

const apply = (answers: string, dir: string) => runCli(['apply', '--answers', answers, '--dir', dir, '--yes', '--skip-bootstrap'], { env });
const excludeLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('fieldstation'));
const status = (cwd: string) => git(cwd, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);

describe('fieldstation in an upstream git checkout', () => {
  it('says which files git tracks, keeps .fieldstation/ out of git through info/exclude once, and leaves only upstream\'s env files changed', () => {
    const work = tempDir();
    const { top, dir } = upstreamCheckout(work);
    const answers = writeStickypiAnswers(work);

    const plan = runCli(['plan', '--answers', answers, '--dir', dir, '--no-diff'], { env });
    expect(plan.status, plan.stderr).toBe(0);
    const lines = plan.stdout.split('\n');
    const after = (file: string) => lines[lines.findIndex((l) => l.includes(` ${file}  (mode`)) + 1];
    expect(after('.env')).toBe(`            ${TRACKED_NOTE}`);
    expect(after('.prod.env')).toBe(`            ${TRACKED_NOTE}`);
    // Ignored by upstream's .gitignore, and outside the checkout: not tracked.
    expect(plan.stdout.split(TRACKED_NOTE)).toHaveLength(3);

    const first = apply(answers, dir);
    expect(first.status, first.stderr).toBe(0);
    const exclude = join(top, '.git', 'info', 'exclude');
    expect(first.stderr).toContain(`Kept fieldstation's own files out of git: added /server/.fieldstation/, /server/.secret.env, /server/docker-compose.fieldstation.yml to ${exclude}.`);
    expect(excludeLines(exclude)).toEqual(['# fieldstation\'s own state and the files it adds to this checkout, added by fieldstation', '/server/.fieldstation/', '/server/docker-compose.fieldstation.yml']);
    expect(status(top)).toEqual([' M server/.env', ' M server/.prod.env']);
    expect(git(top, 'diff', '--name-only', '--', '.gitignore')).toBe('');

    // Again, with a change: the line is there once, and nothing is said about it.
    const again = apply(writeStickypiAnswers(work, { domain: 'traps.example.net' }), dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('out of git');
    expect(excludeLines(exclude)).toHaveLength(3);
    expect(status(top)).toEqual([' M server/.env', ' M server/.prod.env']);
  });

  it('finds the shared info/exclude from a worktree, whose .git is a file', () => {
    const work = tempDir();
    const { top } = upstreamCheckout(work);
    const tree = join(work, 'second-tree');
    git(top, 'worktree', 'add', '-q', '-b', 'field', tree);
    expect(readFileSync(join(tree, '.git'), 'utf8')).toMatch(/^gitdir: /);
    const r = apply(writeStickypiAnswers(work), join(tree, 'server'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`added /server/.fieldstation/, /server/.secret.env, /server/docker-compose.fieldstation.yml to ${join(top, '.git', 'info', 'exclude')}.`);
    expect(status(tree)).toEqual([' M server/.env', ' M server/.prod.env']);
  });

  it('writes a folder name with glob characters so that git takes it literally', () => {
    const work = tempDir();
    const { top, dir } = upstreamCheckout(work, 'server [lab]*');
    expect(apply(writeStickypiAnswers(work), dir).status).toBe(0);
    expect(excludeLines(join(top, '.git', 'info', 'exclude'))).toContain('/server \\[lab\\]\\*/.fieldstation/');
    expect(status(top)).toEqual([' M "server [lab]*/.env"', ' M "server [lab]*/.prod.env"']);
  });

  it('marks tracked files too when run as root in a checkout someone else cloned (sudo)', () => {
    if (process.getuid?.() !== 0) throw new Error('this test needs root: it plans as root in a checkout that nobody owns');
    const work = tempDir();
    const { top, dir } = upstreamCheckout(work);
    // git refuses repositories of other users unless told otherwise; fieldstation's read-only listing is told.
    expect(spawnSync('chown', ['-R', 'nobody:nogroup', top]).status).toBe(0);
    // As plain git sees it now: a repository root does not own.
    const refused = spawnSync('git', ['-C', top, 'ls-files'], { env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
    expect([refused.status, refused.stderr]).toEqual([128, expect.stringContaining('dubious ownership')]);
    const plan = runCli(['plan', '--answers', writeStickypiAnswers(work), '--dir', dir, '--no-diff'], { env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout.split(TRACKED_NOTE)).toHaveLength(3);
  });
});
