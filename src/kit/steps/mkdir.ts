import type { StepKind } from '../../core/steps/kind.js';
import { octal } from '../../core/plan/words.js';

/**
 * One folder and what its consumer needs of it, stated beside it: nginx's unprivileged workers must read
 * a webroot, a container's user must own its data folder. The plan prints `why` next to the mode.
 */
export interface FolderSpec {
  readonly path: string;
  /** The permission bits the consumer needs: a new folder gets exactly these, an existing one gains those it lacks. */
  readonly mode: number;
  /** Numeric owner of a new folder, when not the user fieldstation runs as (a container's user, say). Never applied to an existing folder. */
  readonly owner?: { readonly uid: number; readonly gid: number };
  /** Who uses it, and why that mode and owner. */
  readonly why: string;
}

export interface MkdirRun {
  readonly kind: 'mkdir';
  readonly folders: readonly FolderSpec[];
}

/**
 * Missing parents are made 0755: they only lead to the folders above, whose own modes decide who reads
 * them, and a consumer that is not root (nginx's workers on the host) must be able to pass through.
 */
export const PARENT_MODE = 0o755;

export const mkdir = (folders: readonly FolderSpec[]): MkdirRun => ({ kind: 'mkdir', folders });

/** Permission bits as chmod writes them: 0o055 is "g+rx,o+rx". */
export function symbolicBits(bits: number): string {
  const classes: [string, number][] = [['u', 6], ['g', 3], ['o', 0]];
  return classes
    .map(([who, shift]) => [who, (bits >> shift) & 7] as const)
    .filter(([, b]) => b !== 0)
    .map(([who, b]) => `${who}+${b & 4 ? 'r' : ''}${b & 2 ? 'w' : ''}${b & 1 ? 'x' : ''}`)
    .join(',');
}

/** "mode 0750, owner 999:999" */
export const modeAndOwner = (f: Pick<FolderSpec, 'mode' | 'owner'>): string => `mode ${octal(f.mode)}${f.owner ? `, owner ${f.owner.uid}:${f.owner.gid}` : ''}`;

/**
 * Folders made with the owner and mode their consumer needs. A re-run never tightens a folder and never
 * changes an owner (a running database would lose its datadir): it only adds the bits a folder lacks.
 */
export const mkdirKind: StepKind<MkdirRun> = {
  kind: 'mkdir',
  describe: (run) => [
    ...run.folders.map((f) => `folder ${f.path}  (${modeAndOwner(f)}): ${f.why}`),
    `missing parents are made ${octal(PARENT_MODE)}; an existing folder keeps its owner and only gains the bits it lacks`,
  ],
  async execute(run, ctx) {
    return (await import('../../io/effects.js')).mkdirs(run, ctx);
  },
  writes: (run) => run.folders.map((f) => f.path),
};
