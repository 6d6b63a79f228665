import { join, resolve } from 'node:path';
import { applyPlan } from '../../app/apply.js';
import { loadAnswers } from '../../app/load-answers.js';
import { makePlan } from '../../app/make-plan.js';
import { InterruptedError, UsageError } from '../../core/errors.js';
import { describePlan } from '../../core/plan/describe.js';
import { parseOptions, required } from '../args.js';
import type { CliContext } from '../context.js';
import { formatProblems } from '../output.js';
import { toolVersion } from '../paths.js';
import { confirm } from '../confirm.js';

export async function apply(ctx: CliContext): Promise<number> {
  const opts = parseOptions('apply', ctx.args, {
    answers: { type: 'string' },
    dir: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'skip-bootstrap': { type: 'boolean' },
  });
  const answersPath = resolve(ctx.cwd, required('apply', 'answers', opts.answers));
  if (!opts['skip-bootstrap']) {
    throw new UsageError('apply: this version writes the configuration files but cannot run the bootstrap steps yet.', [
      'Add --skip-bootstrap to write the files; `fieldstation plan` lists the steps to run by hand.',
    ]);
  }
  if (!opts.yes && !ctx.interactive) {
    throw new UsageError('apply: there is no terminal to confirm the changes, and --yes was not given.', [
      'Review the changes with `fieldstation plan`, then run apply again with --yes.',
    ]);
  }
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const loaded = await loadAnswers(answersPath, ctx.env);
  const planned = await makePlan(loaded, { dir, templatesDir: join(ctx.root, 'templates'), random: ctx.random });
  ctx.out.setMask(planned.mask);
  if (loaded.warnings.length) ctx.out.err(`${formatProblems(loaded.warnings)}\n`);
  const changes = planned.plan.files.filter((f) => f.status !== 'unchanged').length;
  if (!opts.yes) {
    ctx.out.err(describePlan(planned.plan, { diffs: true }));
    if (changes > 0 && !(await confirm(ctx, `Write ${changes} file${changes === 1 ? '' : 's'} in ${dir}?`))) throw new InterruptedError('Nothing was written.');
  }
  const result = await applyPlan(planned.plan, loaded, {
    now: ctx.now(),
    toolVersion: toolVersion(ctx.root),
    mask: planned.mask,
    ...(ctx.env['FIELDSTATION_TEST_PAUSE_AT_WRITE'] ? { beforeRename: pauseAtWrite(Number(ctx.env['FIELDSTATION_TEST_PAUSE_AT_WRITE']), ctx) } : {}),
  });
  if (result.removedTemporaries.length) ctx.out.err(`Removed ${result.removedTemporaries.length} temporary file(s) left by an interrupted run.\n`);
  for (const f of planned.plan.files) ctx.out.err(`${f.status === 'unchanged' ? '=' : f.status === 'new' ? '+' : '~'} ${f.path} ${f.status}${f.secret ? ' (mode 0600)' : ''}\n`);
  if (result.backupDir) ctx.out.err(`Previous versions kept in ${result.backupDir}\n`);
  ctx.out.out(`Wrote ${result.written.length} file(s) in ${dir} (${result.unchanged.length} unchanged); state in ${result.statePath}.\n`);
  ctx.out.out(`Bootstrap skipped: run \`fieldstation plan --answers ${opts.answers} --dir ${dir}\` to see its ${planned.plan.steps.length} steps.\n`);
  return 0;
}

/**
 * Test hook for the kill-during-write test: before the n-th rename (the temporary file complete, the
 * target not yet replaced) it says so on stderr and waits, so the test can kill the process right there.
 */
function pauseAtWrite(n: number, ctx: CliContext) {
  let writes = 0;
  return async (tmp: string) => {
    if (++writes !== n) return;
    ctx.out.err(`[test] paused before rename: ${tmp}\n`);
    await new Promise((r) => setTimeout(r, 60_000));
  };
}
