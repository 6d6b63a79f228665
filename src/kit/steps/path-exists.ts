import type { StepKind } from '../../core/steps/kind.js';

/** A probe only: the step's work is there when this path exists (a certificate, a parameters file). */
export interface PathExistsRun {
  readonly kind: 'path-exists';
  readonly path: string;
}

export const pathExists = (path: string): PathExistsRun => ({ kind: 'path-exists', path });

export const pathExistsKind: StepKind<PathExistsRun> = {
  kind: 'path-exists',
  describe: (run) => [`check that ${run.path} exists`],
  async probe(run) {
    return (await import('../../io/executors/path-exists.js')).pathExists(run.path);
  },
  describeProbe: (run) => `${run.path} exists`,
};
