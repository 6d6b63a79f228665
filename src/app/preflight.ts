import type { CheckResult, CheckUse } from '../core/checks/check.js';
import { applySkips, checkSkipNames } from '../core/checks/outcome.js';
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
