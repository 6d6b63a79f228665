import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excludeFromGit, findCheckout } from '../../../src/io/git.js';
import { tempDir } from '../../helpers/cli.js';

/** A checkout's bare bones as git lays them out (the real git is the integration tests' part). */
function checkout(): { top: string; gitDir: string } {
  const top = join(tempDir(), 'repo');
  const gitDir = join(top, '.git');
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  return { top, gitDir };
}

describe('finding the checkout a folder is in', () => {
  it('walks up to the nearest .git folder, from a folder that need not exist yet', () => {
    const { top, gitDir } = checkout();
    expect(findCheckout(join(top, 'server', 'not-yet'))).toEqual({ top, commonDir: gitDir });
  });

  it('follows a .git file (a worktree) to the shared folder named by its commondir', () => {
    const { gitDir } = checkout();
    const worktreeGit = join(gitDir, 'worktrees', 'field');
    mkdirSync(worktreeGit, { recursive: true });
    writeFileSync(join(worktreeGit, 'commondir'), '../..\n');
    const tree = join(tempDir(), 'field');
    mkdirSync(tree);
    writeFileSync(join(tree, '.git'), `gitdir: ${worktreeGit}\n`);
    expect(findCheckout(join(tree, 'server'))).toEqual({ top: tree, commonDir: gitDir });
  });

  it('takes a relative gitdir without commondir (a submodule) as the folder itself', () => {
    const { top, gitDir } = checkout();
    const moduleGit = join(gitDir, 'modules', 'api');
    mkdirSync(moduleGit, { recursive: true });
    mkdirSync(join(top, 'api'));
    writeFileSync(join(top, 'api', '.git'), 'gitdir: ../.git/modules/api\n');
    expect(findCheckout(join(top, 'api', 'server'))).toEqual({ top: join(top, 'api'), commonDir: moduleGit });
  });

  it('finds nothing outside a checkout', async () => {
    const dir = tempDir();
    expect(findCheckout(dir)).toBeUndefined();
    expect(await excludeFromGit(dir, ['.fieldstation/'])).toBeUndefined();
  });
});

describe('keeping fieldstation\'s folder out of git', () => {
  it('adds the anchored line once, after what is there, and then leaves the file alone', async () => {
    const { top, gitDir } = checkout();
    const file = join(gitDir, 'info', 'exclude');
    writeFileSync(file, '# git ls-files --others --exclude-from=.git/info/exclude\n*.swp');
    expect(await excludeFromGit(join(top, 'server'), ['.fieldstation/'])).toEqual({ file, line: '/server/.fieldstation/', status: 'added' });
    const once = readFileSync(file, 'utf8');
    expect(once).toBe('# git ls-files --others --exclude-from=.git/info/exclude\n*.swp\n# fieldstation\'s own state and the files it adds to this checkout, added by fieldstation\n/server/.fieldstation/\n');
    expect(await excludeFromGit(join(top, 'server'), ['.fieldstation/'])).toEqual({ file, line: '/server/.fieldstation/', status: 'present' });
    expect(readFileSync(file, 'utf8')).toBe(once);
    // A file added later (the compose override) joins once, folder lines keep their slash, files have none.
    expect(await excludeFromGit(join(top, 'server'), ['.fieldstation/', 'docker-compose.fieldstation.yml'])).toEqual({ file, line: '/server/docker-compose.fieldstation.yml', status: 'added' });
    expect(readFileSync(file, 'utf8')).toMatch(/\n\/server\/\.fieldstation\/\n# fieldstation.*\n\/server\/docker-compose\.fieldstation\.yml\n$/);
  });

  it('makes info/exclude when the checkout has none', async () => {
    const top = join(tempDir(), 'bare-bones');
    mkdirSync(join(top, '.git'), { recursive: true });
    expect(await excludeFromGit(join(top, 'server'), ['.fieldstation/'])).toMatchObject({ line: '/server/.fieldstation/', status: 'added' });
    expect(readFileSync(join(top, '.git', 'info', 'exclude'), 'utf8')).toMatch(/\n\/server\/\.fieldstation\/\n$/);
  });

  it('says so, without throwing, when info/exclude cannot be written', async () => {
    const top = join(tempDir(), 'odd');
    mkdirSync(join(top, '.git'), { recursive: true });
    writeFileSync(join(top, '.git', 'info'), 'a file where git keeps a folder\n');
    expect(await excludeFromGit(top, ['.fieldstation/'])).toEqual({ file: join(top, '.git', 'info', 'exclude'), line: '/.fieldstation/', status: 'failed', error: 'ENOTDIR' });
  });
});
