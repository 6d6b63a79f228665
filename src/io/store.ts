import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { readJournal, type Journal } from '../core/run/journal.js';
import { readState, type InstallState } from '../core/state/state.js';
import { ensurePrivateDir, readTextIfExists, removeStaleTemporaries, writeFileAtomic, type WriteOptions } from './files.js';
import { pathExists } from './executors/path-exists.js';
import { openRunLog, type RunLog } from './run-log.js';
import { localTime } from './local-time.js';

/** fieldstation's own folder inside the install folder. */
const STATE_DIR = '.fieldstation';

/**
 * The one owner of DIR/.fieldstation/ and its layout:
 *   state.json    the last apply: answers (no secret values), secret sources, file hashes (format-versioned)
 *   journal.json  the last bootstrap run, step by step, for resume
 *   answers.yaml  the wizard's answers, for replay (secrets as references only)
 *   secrets/      secrets typed in the wizard, one 0600 file each, referenced from answers.yaml
 *   draft.yaml    the answers of a wizard that ended before writing anything, to continue (secrets as references)
 *   draft-secrets/  the secrets typed in that wizard, one 0600 file each, referenced from draft.yaml
 *   logs/         one 0600 log per bootstrap run
 *   backups/      the previous version of every changed file, one folder per apply
 *   lock          held while files are written and steps run, so two runs never overlap
 * Everything in it is private (folders 0700, files 0600). Each file is read once per store, checked, and
 * migrated to the current format.
 */
export interface InstallStore {
  /** The install folder. */
  readonly dir: string;
  readonly paths: { readonly root: string; readonly state: string; readonly journal: string; readonly answers: string; readonly secrets: string; readonly draft: string; readonly draftSecrets: string; readonly logs: string; readonly backups: string; readonly lock: string };
  /** The state of the last apply, or undefined when there was none. A damaged file is a usage error. */
  state(): Promise<InstallState | undefined>;
  /** The journal of the last bootstrap run, or undefined. */
  journal(): Promise<Journal | undefined>;
  /** `options.beforeRename`: a test hook, as for the server's files (the state is written last). */
  saveState(state: InstallState, options?: Pick<WriteOptions, 'beforeRename'>): Promise<void>;
  saveJournal(journal: Journal): Promise<void>;
  /** answers.yaml, with each typed secret in secrets/<id> first (referenced as {file: secrets/<id>}). */
  saveAnswers(text: string, typedSecrets: Readonly<Record<string, string>>): Promise<string>;
  /**
   * draft.yaml, with each typed secret in draft-secrets/<id> first (referenced as {file: draft-secrets/<id>});
   * files of secrets no longer typed are removed after. Separate from answers.yaml and secrets/, which
   * replay what was applied: a draft must never change that.
   */
  saveDraft(text: string, typedSecrets: Readonly<Record<string, string>>): Promise<string>;
  /** draft.yaml's text and when it was saved (its modification time), or undefined. */
  draft(): Promise<{ readonly text: string; readonly savedAt: Date } | undefined>;
  /** A typed secret of the draft (its one trailing newline dropped), or undefined when its file is gone. */
  draftSecret(id: string): Promise<string | undefined>;
  /** Removes the draft and its secrets (continued and applied, or discarded). */
  removeDraft(): Promise<void>;
  openLog(stamp: string): RunLog;
  /** A new, private backup folder for this time. */
  newBackupDir(stamp: string): Promise<string>;
  /** Temporary files left in DIR and in the store by a run killed before its rename (they may hold secrets). */
  removeStaleTemporaries(): Promise<string[]>;
  /** Takes the lock for `what` (e.g. "apply"), or says who holds it. Release it with the returned function. */
  lock(owner: { readonly pid: number; readonly what: string; readonly at: string }): Promise<() => Promise<void>>;
}

export function installStore(dir: string): InstallStore {
  const root = join(dir, STATE_DIR);
  const paths = {
    root,
    state: join(root, 'state.json'),
    journal: join(root, 'journal.json'),
    answers: join(root, 'answers.yaml'),
    secrets: join(root, 'secrets'),
    draft: join(root, 'draft.yaml'),
    draftSecrets: join(root, 'draft-secrets'),
    logs: join(root, 'logs'),
    backups: join(root, 'backups'),
    lock: join(root, 'lock'),
  };
  let state: Promise<InstallState | undefined> | undefined;
  let journal: Promise<Journal | undefined> | undefined;
  const damaged = (path: string, why: string) =>
    new UsageError(`${path} ${why}.`, [`It holds no secret: move it away (\`mv ${path} ${path}.damaged\`) and run \`fieldstation apply --answers FILE --dir ${dir}\` again.`]);
  const readJson = async (path: string): Promise<unknown> => {
    let text: string | undefined;
    try {
      text = await readTextIfExists(path);
    } catch (error) {
      throw damaged(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw damaged(path, 'is not valid JSON');
    }
  };
  const save = async (path: string, data: unknown, options: Pick<WriteOptions, 'beforeRename'> = {}) => {
    await ensurePrivateDir(root);
    await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, ...options });
  };
  return {
    dir,
    paths,
    state() {
      state ??= readJson(paths.state).then((data) => {
        if (data === undefined) return undefined;
        const read = readState(data);
        if ('problem' in read) throw damaged(paths.state, read.problem);
        return read.state;
      });
      return state;
    },
    journal() {
      journal ??= readJson(paths.journal).then((data) => {
        if (data === undefined) return undefined;
        const read = readJournal(data);
        if ('problem' in read) throw damaged(paths.journal, read.problem);
        return read.journal;
      });
      return journal;
    },
    async saveState(next, options) {
      await save(paths.state, next, options);
      state = Promise.resolve(next);
    },
    async saveJournal(next) {
      await save(paths.journal, next);
      journal = Promise.resolve(next);
    },
    async saveAnswers(text, typedSecrets) {
      await ensurePrivateDir(root);
      for (const [id, value] of Object.entries(typedSecrets)) {
        await ensurePrivateDir(paths.secrets);
        await writeFileAtomic(join(paths.secrets, id), `${value}\n`, { mode: 0o600 });
      }
      await writeFileAtomic(paths.answers, text, { mode: 0o600 });
      return paths.answers;
    },
    async saveDraft(text, typedSecrets) {
      await ensurePrivateDir(root);
      const ids = Object.keys(typedSecrets);
      if (ids.length > 0) await ensurePrivateDir(paths.draftSecrets);
      for (const id of ids) await writeFileAtomic(join(paths.draftSecrets, id), `${typedSecrets[id]!}\n`, { mode: 0o600 });
      await writeFileAtomic(paths.draft, text, { mode: 0o600 });
      // Secrets typed in an earlier draft and not in this one: nothing refers to them any more.
      const old = await fs.readdir(paths.draftSecrets).catch(() => [] as string[]);
      for (const name of old) if (!ids.includes(name)) await fs.rm(join(paths.draftSecrets, name), { force: true });
      return paths.draft;
    },
    async draft() {
      const text = await readTextIfExists(paths.draft);
      return text === undefined ? undefined : { text, savedAt: (await fs.stat(paths.draft)).mtime };
    },
    async draftSecret(id) {
      const text = await readTextIfExists(join(paths.draftSecrets, id));
      return text?.replace(/\n$/, '');
    },
    async removeDraft() {
      await fs.rm(paths.draft, { force: true });
      await fs.rm(paths.draftSecrets, { recursive: true, force: true });
    },
    openLog: (stamp) => openRunLog(paths.logs, stamp),
    async newBackupDir(stamp) {
      await ensurePrivateDir(paths.backups);
      for (let i = 0; ; i++) {
        const path = join(paths.backups, i === 0 ? stamp : `${stamp}-${i}`);
        try {
          await fs.mkdir(path, { mode: 0o700 });
          return path;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    },
    async removeStaleTemporaries() {
      return [...(await removeStaleTemporaries(dir)), ...(await removeStaleTemporaries(root))];
    },
    async lock(owner) {
      await ensurePrivateDir(root);
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const handle = await fs.open(paths.lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
          await handle.writeFile(`${JSON.stringify(owner)}\n`);
          await handle.close();
          return async () => {
            await fs.rm(paths.lock, { force: true });
          };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const holder = await readLockHolder(paths.lock);
        // A lock whose process is gone (killed, machine rebooted) is left over: take it.
        if (holder && (await processAlive(holder.pid))) {
          throw new UsageError(`another fieldstation (pid ${holder.pid}, ${holder.what}, since ${localTime(holder.at)}) is working in ${dir}.`, [
            `Wait for it to finish, or stop it (\`kill ${holder.pid}\`); then run the same command again.`,
          ]);
        }
        await fs.rm(paths.lock, { force: true });
      }
      throw new UsageError(`cannot take the lock ${paths.lock}.`, ['Remove it if no fieldstation is running, then run the same command again.']);
    },
  };
}

async function readLockHolder(path: string): Promise<{ pid: number; what: string; at: string } | undefined> {
  try {
    const data = JSON.parse((await readTextIfExists(path)) ?? '') as { pid?: unknown; what?: unknown; at?: unknown };
    return typeof data.pid === 'number' ? { pid: data.pid, what: String(data.what ?? '?'), at: String(data.at ?? '?') } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process runs (Linux: it has a /proc entry). */
const processAlive = (pid: number): Promise<boolean> => pathExists(`/proc/${pid}`);
