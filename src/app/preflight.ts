import type { CheckResult, CheckUse } from '../core/checks/check.js';
import { applySkips, checkSkipNames, preflightFailure } from '../core/checks/outcome.js';
import type { RunHooks } from './install.js';
import type { AppDeps } from './ports.js';

/** The names of the checks a stack picked, for validating --skip-check before anything is measured. */
const checkNames = (uses: readonly CheckUse[]): string[] => uses.map((u) => u.name);

/** --skip-check names must be checks this server runs: a typo must not silently skip nothing. */
export const validateSkips = (uses: readonly CheckUse[], skip: readonly string[]): string[] => checkSkipNames(skip, checkNames(uses));

/**
 * Measures and judges every check the stack picked, all at once, on a fresh view of the machine (a command
 * several checks need runs once), then applies --skip-check. Results are in the stack's order. A check
 * that throws while measuring (a bug) is reported as a warning rather than stopping the others.
 */
export async function runChecks(deps: Pick<AppDeps, 'machine'>, uses: readonly CheckUse[], options: { readonly skip: readonly string[]; readonly rerun: boolean }): Promise<CheckResult[]> {
  const machine = await deps.machine();
  const results = await Promise.all(
    uses.map(async (u): Promise<CheckResult> => {
      try {
        const v = await u.run(machine, { rerun: options.rerun });
        return { name: u.name, title: u.title, ...v, ...(v.status === 'fail' && u.ifSkipped !== undefined ? { ifSkipped: u.ifSkipped } : {}) };
      } catch (error) {
        return { name: u.name, title: u.title, status: 'warn', detail: `could not be checked: ${error instanceof Error ? error.message : String(error)}`, fix: 'Check it by hand.' };
      }
    }),
  );
  return applySkips(results, options.skip);
}

/** How the machine's checks ended for a run: passed (some maybe skipped), refused, or the person's way on. */
export type MachineChecked =
  | { readonly outcome: 'passed' | 'files-only' | 'declined' }
  | { readonly outcome: 'refused'; readonly refusal: { readonly message: string; readonly hints: readonly string[]; readonly preflight: readonly CheckResult[] } };

/**
 * The preflight of apply, resume and the wizard: measured and reported; when a check fails, the run is
 * refused with the fixes (`rerun`: the command to run again), unless `hooks.checksFailed` is there to ask
 * the person: check again (a fresh measurement), skip a failed check (the others stay as measured), write
 * the files only, or go back (declined: nothing written).
 */
export async function machineChecked(deps: Pick<AppDeps, 'machine'>, uses: readonly CheckUse[], given: readonly string[], rerun: boolean, hooks: Pick<RunHooks, 'emit' | 'checksFailed' | 'signal'>, command: string): Promise<MachineChecked> {
  const chosen: string[] = [];
  const measure = async () => applySkips(await runChecks(deps, uses, { skip: given, rerun }), chosen, 'person');
  let results = await measure();
  for (;;) {
    hooks.emit({ type: 'preflight', results });
    const failure = preflightFailure(results, command);
    // Stopped while measuring: the caller says so; nobody is asked.
    if (!failure || hooks.signal.aborted) return { outcome: 'passed' };
    if (!hooks.checksFailed) return { outcome: 'refused', refusal: { message: failure.message, hints: failure.hints, preflight: results } };
    const choice = await hooks.checksFailed(results);
    switch (choice.kind) {
      case 'back':
        return { outcome: 'declined' };
      case 'files-only':
        return { outcome: 'files-only' };
      case 'again':
        results = await measure();
        break;
      case 'skip':
        chosen.push(choice.name);
        results = applySkips(results, [choice.name], 'person');
        break;
    }
  }
}
