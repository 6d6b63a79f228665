import type { StepKind } from '../../core/steps/kind.js';
import { octal } from '../../core/plan/words.js';

/**
 * Folders made with the owner and mode their consumer needs (e.g. a webroot that nginx's unprivileged
 * workers must read), stated beside the step. Folders that exist keep their content.
 */
export interface MkdirRun {
  readonly kind: 'mkdir';
  readonly paths: readonly string[];
  readonly mode: number;
  /** Numeric owner, when not the user fieldstation runs as (a container's user, say). */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

export const mkdir = (paths: readonly string[], mode: number, owner?: MkdirRun['owner']): MkdirRun => ({ kind: 'mkdir', paths, mode, ...(owner ? { owner } : {}) });


export const mkdirKind: StepKind<MkdirRun> = {
  kind: 'mkdir',
  describe: (run) => [`create folders (mode ${octal(run.mode)}${run.owner ? `, owner ${run.owner.uid}:${run.owner.gid}` : ''}): ${run.paths.join(', ')}`],
  async execute(run, ctx) {
    return (await import('../../io/effects.js')).mkdirs(run, ctx);
  },
  writes: (run) => run.paths,
};
