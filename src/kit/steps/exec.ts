import { showValue, showWord } from '../../core/plan/words.js';
import type { StepKind } from '../../core/steps/kind.js';
import type { ChildValue } from '../../core/steps/step.js';

/** A command: an argv (never a shell string); secrets reach it only through `env` or `stdin`. */
export interface ExecRun {
  readonly kind: 'exec';
  readonly argv: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, ChildValue>>;
  readonly stdin?: ChildValue;
}

export const exec = (argv: readonly string[], options: Omit<ExecRun, 'kind' | 'argv'> = {}): ExecRun => ({ kind: 'exec', argv, ...options });

const load = () => import('../../io/effects.js');

/** Runs a command; as a probe, "it succeeds". */
export const execKind: StepKind<ExecRun> = {
  kind: 'exec',
  describe(run) {
    const env = Object.entries(run.env ?? {}).map(([k, v]) => `${k}=${showValue(v)} `).join('');
    const lines = [`run: ${env}${run.argv.map(showWord).join(' ')}${run.cwd ? `  (in ${run.cwd})` : ''}`];
    if (run.stdin !== undefined) lines.push(`stdin: ${showValue(run.stdin)}`);
    return lines;
  },
  async execute(run, ctx) {
    return (await load()).createExec(ctx.settings)(run, ctx);
  },
  async probe(run, ctx) {
    return (await (await load()).createExec(ctx.settings)(run, { ...ctx, onLine: () => undefined })).ok;
  },
  describeProbe: (run) => `\`${run.argv.map(showWord).join(' ')}\` succeeds`,
  argv: (run) => run.argv,
};
