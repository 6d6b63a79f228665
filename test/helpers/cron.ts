import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's cron for tests, without touching this machine's crontabs: each run is in a private mount
 * namespace (`unshare -m`, as root) where /etc/cron.d, /etc/crontab, the spool and /run are folders of the
 * test's own. There the daemon's `@reboot` jobs run as soon as it starts (it keeps "rebooted" in /run), so
 * a command goes through cron's own reading of the line, its `%` pass and /bin/sh, without waiting for a
 * minute to turn. A missing program fails the test with the package to install: nothing is skipped.
 */

const CRON = '/usr/sbin/cron';
const CRONTAB = '/usr/bin/crontab';
const PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

function need(): void {
  for (const program of [CRON, CRONTAB]) {
    if (!existsSync(program)) throw new Error(`${program} is missing, so crontab lines cannot be checked against the real cron: install Debian's cron (apt-get install -y cron); these tests fail rather than skip without it`);
  }
  if (process.getuid?.() !== 0) throw new Error('these tests need root: cron runs in a private mount namespace of its own (unshare -m)');
}

/** A shell word for the mount script: the folders are the test's own, but quoted all the same. */
const sh = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** Children still running when the test process exits are killed, so no cron outlives a crashed worker. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface CronRun {
  /** The test's folder: cron.d/, spool/, run/, and out/ for the jobs. */
  readonly dir: string;
  /** Stops the daemon and removes the folder. */
  stop(): Promise<void>;
}

/**
 * Starts cron with `cronD` as the files of /etc/cron.d (name → text; lines `SCHEDULE USER COMMAND`), given
 * the run's folder (where the jobs may write: `out/` is made for them). Their `@reboot` lines run at once;
 * the caller waits for what they write.
 */
export function startCron(cronD: (dir: string) => Readonly<Record<string, string>>): CronRun {
  need();
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-cron-'));
  for (const sub of ['cron.d', 'spool', 'run', 'out']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'crontab'), '');
  // cron reads a file in /etc/cron.d only when no one but root can write it.
  for (const [name, text] of Object.entries(cronD(dir))) writeFileSync(join(dir, 'cron.d', name), text, { mode: 0o644 });
  const script = [
    'set -e',
    `mount --bind ${sh(join(dir, 'cron.d'))} /etc/cron.d`,
    `mount --bind ${sh(join(dir, 'crontab'))} /etc/crontab`,
    `mount --bind ${sh(join(dir, 'spool'))} /var/spool/cron/crontabs`,
    `mount --bind ${sh(join(dir, 'run'))} /run`,
    // In the foreground, and in the place of this shell: the child is the daemon, stopped by its own pid.
    `exec ${CRON} -f -L 0`,
  ].join('\n');
  const child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { env: { PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => (live.delete(child), resolve())));
  let stopped: Promise<void> | undefined;
  return {
    dir,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        if (stderr.trim()) process.stderr.write(`cron said: ${stderr}\n`);
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

/** Waits until every path exists, or fails naming those that do not after `ms`. */
export async function waitForFiles(paths: readonly string[], ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const missing = paths.filter((p) => !existsSync(p));
    if (missing.length === 0) return;
    if (Date.now() > end) throw new Error(`cron's jobs did not write ${missing.length} of ${paths.length} files within ${ms} ms, e.g. ${missing.slice(0, 3).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `crontab -u root FILE`, Debian's installer of a user's crontab, which checks every line as cron reads it
 * (the schedule's fields, the length of the command): ok when it installs it (into a spool of the test's
 * own), with what it printed.
 */
export function installCrontab(text: string): { ok: boolean; output: string } {
  need();
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-crontab-'));
  try {
    mkdirSync(join(dir, 'spool'));
    writeFileSync(join(dir, 'tab'), text);
    const script = `set -e\nmount --bind ${sh(join(dir, 'spool'))} /var/spool/cron/crontabs\nexec ${CRONTAB} -u root ${sh(join(dir, 'tab'))}`;
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { env: { PATH }, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
