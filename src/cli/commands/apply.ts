import { join, resolve } from 'node:path';
import { applyPlan } from '../../app/apply.js';
import { readJournal } from '../../app/install-state.js';
import { loadAnswers } from '../../app/load-answers.js';
import { makePlan } from '../../app/make-plan.js';
import { InterruptedError, UsageError } from '../../core/errors.js';
import { describePlan } from '../../core/plan/describe.js';
import { parseOptions, required } from '../args.js';
import { confirm } from '../confirm.js';
import type { CliContext } from '../context.js';
import { formatProblems } from '../output.js';
import { toolVersion } from '../version.js';
import { writePathsOf } from '../../app/doctor.js';
import { checkSkipNames } from '../../core/doctor/checks.js';
import { preflight } from './doctor.js';
import { parseConnectTo, runBootstrap } from '../run-bootstrap.js';

export async function apply(ctx: CliContext): Promise<number> {
  const opts = parseOptions('apply', ctx.args, {
    answers: { type: 'string' },
    dir: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'yes-destructive': { type: 'boolean' },
    'skip-bootstrap': { type: 'boolean' },
    'skip-check': { type: 'string', multiple: true },
    'connect-to': { type: 'string' },
    json: { type: 'boolean' },
  });
  const answersPath = resolve(ctx.cwd, required('apply', 'answers', opts.answers));
  const connectTo = parseConnectTo(opts['connect-to']);
  checkSkipNames(opts['skip-check'] ?? []);
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
    const question = opts['skip-bootstrap'] ? `Write ${changes} file${changes === 1 ? '' : 's'} in ${dir}?` : `Write ${changes} file${changes === 1 ? '' : 's'} in ${dir} and run the ${planned.plan.steps.length} bootstrap steps?`;
    if ((changes > 0 || !opts['skip-bootstrap']) && !(await confirm(ctx, question))) throw new InterruptedError('Nothing was written.');
  }
  // The machine is checked before anything is written: a failed preflight leaves the folder as it was.
  if (!opts['skip-bootstrap']) {
    const previous = await readJournal(dir);
    await preflight(loaded.stack.requirements(planned.input), opts['skip-check'] ?? [], ctx, {
      writePaths: writePathsOf(dir, planned.plan.steps),
      previous,
    });
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
  const wrote = `Wrote ${result.written.length} file(s) in ${dir} (${result.unchanged.length} unchanged); state in ${result.statePath}.\n`;
  if (opts['skip-bootstrap']) {
    if (!opts.json) ctx.out.out(wrote);
    ctx.out.err(`Bootstrap skipped (--skip-bootstrap): \`fieldstation plan --answers ${opts.answers} --dir ${dir}\` lists its ${planned.plan.steps.length} steps; \`fieldstation apply\` without the flag runs them.\n`);
    return 0;
  }
  ctx.out.err(wrote);
  const code = await runBootstrap(ctx, {
    stack: loaded.stack.id,
    dir,
    steps: planned.plan.steps,
    mask: planned.mask,
    flags: { json: Boolean(opts.json), yesDestructive: Boolean(opts['yes-destructive']), ...(connectTo ? { connectTo } : {}) },
  });
  if (code === 0 && !opts.json) {
    ctx.out.out(`${loaded.stack.title} is set up in ${dir}.\n`);
    for (const note of planned.plan.notes) ctx.out.out(`  - ${note}\n`);
  }
  return code;
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
