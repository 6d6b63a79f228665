import { promises as fs, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * fieldstation is a guest in an upstream checkout: it keeps its own folder out of `git status` through
 * the checkout's info/exclude (never the tracked .gitignore), and the plan says which of the files it
 * writes git tracks, since replacing them shows up as changes.
 */

/** A git checkout: the top of its work tree, and the folder holding info/ (shared by all worktrees). */
export interface Checkout {
  readonly top: string;
  readonly commonDir: string;
}

/**
 * The checkout a folder is in, found as git finds it: the nearest `.git` upwards, a folder or a file
 * `gitdir: ...` (worktrees, submodules), whose `commondir` leads to the shared folder. The folder need
 * not exist yet. No git is needed for this. `memo` (kept by the caller for one batch of look-ups) holds
 * the answer for every folder already walked through, so files in the same folders cost one walk.
 */
export function findCheckout(start: string, memo?: Map<string, Checkout | undefined>): Checkout | undefined {
  const walked: string[] = [];
  let found: Checkout | undefined;
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (memo?.has(dir)) {
      found = memo.get(dir);
      break;
    }
    walked.push(dir);
    const dotGit = join(dir, '.git');
    const st = statIfAny(dotGit);
    if (st?.isDirectory()) {
      found = { top: dir, commonDir: commonDirOf(dotGit) };
      break;
    }
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (m) {
        found = { top: dir, commonDir: commonDirOf(resolve(dir, m[1]!)) };
        break;
      }
    }
    if (dirname(dir) === dir) break;
  }
  for (const dir of walked) memo?.set(dir, found);
  return found;
}

function commonDirOf(gitDir: string): string {
  try {
    return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

function statIfAny(path: string) {
  try {
    // A missing path is the common case (every folder above one that has no .git): no error is built for it.
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A path as a gitignore pattern, anchored at the top of the work tree: its glob characters taken literally. */
const pattern = (top: string, path: string): string => `/${relative(top, path).split(sep).map((p) => p.replace(/[\\*?[\]]/g, '\\$&')).join('/')}`;

export type GitExclude =
  | { readonly file: string; readonly line: string; readonly status: 'added' | 'present' }
  | { readonly file: string; readonly line: string; readonly status: 'failed'; readonly error: string };

/**
 * Adds each entry (inside `dir`: `folder/` or a file name) to the checkout's info/exclude, once: lines that
 * are there already are left alone. Undefined when `dir` is in no checkout. A file it cannot write is
 * reported, never thrown: the install is fine either way, only `git status` is noisier.
 */
export async function excludeFromGit(dir: string, entries: readonly string[]): Promise<GitExclude | undefined> {
  const checkout = findCheckout(dir);
  if (!checkout) return undefined;
  const file = join(checkout.commonDir, 'info', 'exclude');
  const all = entries.map((e) => `${pattern(checkout.top, join(resolve(dir), e.replace(/\/$/, '')))}${e.endsWith('/') ? '/' : ''}`);
  try {
    const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const present = new Set(text.split('\n').map((l) => l.replace(/\r$/, '')));
    const missing = all.filter((l) => !present.has(l));
    if (missing.length === 0) return { file, line: all.join(', '), status: 'present' };
    await fs.mkdir(dirname(file), { recursive: true });
    const gap = text === '' || text.endsWith('\n') ? '' : '\n';
    await fs.appendFile(file, `${gap}# fieldstation's own state and the files it adds to this checkout, added by fieldstation\n${missing.join('\n')}\n`);
    return { file, line: missing.join(', '), status: 'added' };
  } catch (error) {
    return { file, line: all.join(', '), status: 'failed', error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/**
 * Which of these files (absolute paths) git tracks, asking git itself per checkout. Without git, or when
 * git cannot answer, nothing is reported tracked: the mark is advice, and its absence harms nothing.
 */
export async function trackedByGit(paths: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<Set<string>> {
  const byTop = new Map<string, string[]>();
  const checkouts = new Map<string, Checkout | undefined>();
  for (const path of paths) {
    const checkout = isAbsolute(path) ? findCheckout(dirname(path), checkouts) : undefined;
    if (checkout) byTop.set(checkout.top, [...(byTop.get(checkout.top) ?? []), path]);
  }
  // A plan outside any checkout starts no process and loads no child-process code.
  if (byTop.size === 0) return new Set();
  const { spawnSync } = await import('node:child_process');
  const tracked = new Set<string>();
  for (const [top, files] of byTop) {
    const r = spawnSync('git', [
      // Run as root in a checkout someone else cloned (sudo), git refuses a repository it does not own;
      // this read-only listing may go on, with the repository's fsmonitor hook (a command it names) off.
      '-c', 'safe.directory=*', '-c', 'core.fsmonitor=false', '--literal-pathspecs', '-C', top,
      'ls-files', '-z', '--full-name', '--', ...files.map((f) => relative(top, f)),
    ], { env: { ...env }, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status !== 0 || typeof r.stdout !== 'string') continue;
    for (const name of r.stdout.split('\0').filter(Boolean)) tracked.add(join(top, name));
  }
  return new Set(paths.filter((p) => tracked.has(resolve(p))));
}
