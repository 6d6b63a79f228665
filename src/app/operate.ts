import { AnswersError, UsageError, type Problem } from '../core/errors.js';
import { assertValidSteps } from '../core/run/schedule.js';
import { aboutOf } from '../core/stack.js';
import { installStore } from '../io/store.js';
import { bootstrap } from './bootstrap.js';
import type { RunOutcome } from './events.js';
import type { RunHooks } from './install.js';
import { installedInput, readInstalled } from './installed.js';
import type { AppDeps } from './ports.js';

export interface OperateRequest {
  readonly dir: string;
  /** The operation's name (`geoip-swap`). */
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

export interface OperateHooks extends RunHooks {
  /** Asked once the steps are known (the CLI lists them and asks, or --yes); false: nothing runs. */
  readonly confirm: (steps: readonly { id: string; title: string }[]) => Promise<boolean>;
}

/** The largest file an operation reads whole; a tail is asked for bigger ones (a GeoIP database). */
const READ_MAX_BYTES = 1024 * 1024;

/**
 * `fieldstation <operation>` on an installed server: the answers and secrets the last apply recorded, the
 * operation's own checks of its options (nothing runs when one fails), then its steps with the bootstrap's
 * runner, log and masking, under the install's lock. It writes none of the server's files and keeps the
 * install's journal as it was, so `resume` still continues the last bootstrap.
 */
export async function operate(deps: AppDeps, r: OperateRequest, hooks: OperateHooks): Promise<RunOutcome> {
  const store = installStore(r.dir);
  const installed = await readInstalled(deps, store, `Run \`fieldstation apply --answers FILE --dir ${r.dir}\` first: ${r.name} works on an installed server.`);
  const { stack, kinds } = installed.loaded;
  const operation = stack.operationSteps?.[r.name];
  if (!operation) throw new UsageError(`${r.name} is not an operation of ${stack.title}, the server installed in ${r.dir}.`, ['Run `fieldstation --help` for the operations of each server.']);
  const problems: Problem[] = [];
  for (const [name, spec] of Object.entries(operation.options)) {
    if (spec.required && r.options[name] === undefined) problems.push({ path: `--${name}`, severity: 'error', message: 'is missing', fix: spec.help });
  }
  for (const name of Object.keys(r.options)) if (!(name in operation.options)) problems.push({ path: `--${name}`, severity: 'error', message: `is not an option of ${r.name}`, fix: `Its options: ${Object.keys(operation.options).map((o) => `--${o}`).join(', ')}.` });
  const { input, mask } = await installedInput(deps, installed, r.dir, { needs: operation.needs ?? [] });
  if (problems.length === 0 && operation.check) {
    const read = async (path: string, tailBytes?: number) => {
      const got = await deps.files.readAnswered(path, READ_MAX_BYTES, tailBytes);
      return 'bytes' in got ? got.bytes : got.problem;
    };
    problems.push(...(await operation.check(input, r.options, read, deps.now())));
  }
  const errors = problems.filter((p) => p.severity === 'error');
  hooks.emit({ type: 'answers-checked', stack: aboutOf(stack), source: store.paths.state, warnings: problems.filter((p) => p.severity === 'warning'), mask });
  if (errors.length) throw new AnswersError(errors, `fieldstation ${r.name}`);
  const steps = operation.steps(input, r.options);
  assertValidSteps(stack.id, steps, kinds);
  // A failed operation is run again whole (its steps are safe to repeat), not resumed.
  const again = `fieldstation ${r.name} --dir ${r.dir}${Object.entries(r.options).map(([k, v]) => ` --${k} ${v}`).join('')}`;
  const base = { stack: aboutOf(stack), dir: r.dir, checks: [], notes: [], resumeCommand: again, rerun: true as const };
  if (!(await hooks.confirm(steps.map((s) => ({ id: s.id, title: s.title }))))) return { ...base, status: 'declined', message: 'Nothing was run.' };
  if (hooks.signal.aborted) return { ...base, status: 'interrupted', message: 'Stopped before any step ran.' };
  const release = await store.lock({ pid: deps.process.pid, what: r.name, at: deps.now().toISOString() });
  try {
    const run = await bootstrap(deps, store, { stack: stack.id, steps, kinds, mask, keepJournal: false, what: r.name }, hooks);
    return { ...base, status: run.status, logPath: run.logPath, checks: run.checks, ...(run.failed ? { failed: run.failed } : {}) };
  } finally {
    await release();
  }
}
