import { resolve } from 'node:path';
import { install } from '../../app/install.js';
import type { PlanView } from '../../core/plan/view.js';
import { describePlan } from '../../core/plan/describe.js';
import { UsageError } from '../../core/errors.js';
import { gitExcludeNote } from '../../core/session/outcome.js';
import { parseOptions, required } from '../args.js';
import { confirm } from '../confirm.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { parseConnectTo } from '../connect-to.js';
import { printShownOnce } from '../shown-once.js';
import { finishRun, printEvent, terminalHooks } from '../run-report.js';

/** `fieldstation apply`: flags in, the install service run, its events and outcome printed. */
export async function apply(ctx: CliContext): Promise<number> {
  const opts = parseOptions('apply', ctx.args, {
    answers: { type: 'string' },
    dir: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'yes-destructive': { type: 'boolean' },
    'wipe-device': { type: 'string', multiple: true },
    'skip-bootstrap': { type: 'boolean' },
    'skip-check': { type: 'string', multiple: true },
    'connect-to': { type: 'string' },
    json: { type: 'boolean' },
  });
  const answersPath = resolve(ctx.cwd, required('apply', 'answers', opts.answers));
  const connectTo = parseConnectTo(opts['connect-to']);
  if (!opts.yes && !ctx.interactive) {
    throw new UsageError('apply: there is no terminal to confirm the changes, and --yes was not given.', [
      'Review the changes with `fieldstation plan`, then run apply again with --yes.',
    ]);
  }
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const skipBootstrap = Boolean(opts['skip-bootstrap']);
  const flags = { json: Boolean(opts.json), yesDestructive: Boolean(opts['yes-destructive']), wipeDevices: opts['wipe-device'] ?? [], dir };
  const hooks = terminalHooks(ctx, flags);
  let plan: PlanView | undefined;
  try {
    const outcome = await install(appDeps(ctx, connectTo ? { connectTo } : {}), {
      source: { kind: 'file', path: answersPath },
      dir,
      skipBootstrap,
      skipChecks: opts['skip-check'] ?? [],
      ...(ctx.env['FIELDSTATION_TEST_PAUSE_AT_WRITE'] ? { beforeRename: pauseAtWrite(Number(ctx.env['FIELDSTATION_TEST_PAUSE_AT_WRITE']), ctx) } : {}),
    }, {
      ...hooks,
      emit(e) {
        if (e.type === 'plan-ready') plan = e.plan;
        printEvent(ctx, e, flags);
        if (e.type !== 'files-written' || !plan) return;
        for (const f of plan.files) ctx.out.err(`${f.status === 'unchanged' ? '=' : f.status === 'new' ? '+' : '~'} ${f.path} ${f.status}${f.secret ? ' (mode 0600)' : ''}\n`);
        if (e.files.backupDir) ctx.out.err(`Previous versions kept in ${e.files.backupDir}\n`);
        const git = gitExcludeNote(e.files);
        if (git) ctx.out.err(`${git}\n`);
        const wrote = `Wrote ${e.files.written.length} file(s) in ${dir} (${e.files.unchanged.length} unchanged); state in ${e.files.statePath}.\n`;
        if (skipBootstrap && !opts.json) ctx.out.out(wrote);
        else ctx.out.err(wrote);
        if (skipBootstrap) ctx.out.err(`Bootstrap skipped (--skip-bootstrap): \`fieldstation plan --answers ${opts.answers} --dir ${dir}\` lists its ${plan.steps.length} steps; \`fieldstation apply\` without the flag runs them.\n`);
      },
      async confirm(view) {
        // A blocked plan is refused next, with what blocks it and the fix: no question to answer first.
        if (opts.yes || view.blocked.length > 0) return true;
        ctx.out.err(describePlan(view, { diffs: true }));
        const changes = view.files.filter((f) => f.status !== 'unchanged').length;
        const files = `${changes} file${changes === 1 ? '' : 's'}`;
        const question = skipBootstrap ? `Write ${files} in ${dir}?` : `Write ${files} in ${dir} and run the ${view.steps.length} bootstrap steps?`;
        // Nothing to write and nothing to run: no question.
        return (changes === 0 && skipBootstrap) || confirm(ctx, question);
      },
    });
    const code = finishRun(ctx, outcome, flags);
    if (code === 0 && outcome.status === 'succeeded' && !opts.json) {
      ctx.out.out(`${outcome.stack.title} is set up in ${dir}.\n`);
      for (const note of outcome.notes) ctx.out.out(`  - ${note}\n`);
    }
    // Last, whatever became of the bootstrap: the files (and the codes in them) are written.
    if (!opts.json) printShownOnce(ctx, outcome);
    return code;
  } finally {
    hooks.dispose();
  }
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
