import { PreflightError, UsageError } from '../errors.js';
import { closest } from '../questions/validators.js';
import type { CheckResult, CheckStatus } from './check.js';
import { listWords, plural } from './words.js';

/** Every --skip-check name must be one of the checks this server runs: a typo must not silently skip nothing. */
export function checkSkipNames(names: readonly string[], known: readonly string[]): string[] {
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    const guess = unknown.length === 1 ? closest(unknown[0]!, known) : undefined;
    throw new UsageError(`--skip-check: there is no check named ${listWords(unknown.map((n) => `"${n}"`))}${guess ? ` (did you mean "${guess}"?)` : ''}.`, [
      `The checks are: ${known.join(', ')}.`,
    ]);
  }
  return [...names];
}

/**
 * Turns the failures named by --skip-check (or chosen in the wizard: `by` "person") into 'skipped', keeping what was found and the fix (the problem
 * is still there; the user chose to go on). Passes and warnings stay as they are. Unknown names throw.
 */
export function applySkips(results: readonly CheckResult[], skipNames: readonly string[], by: 'flag' | 'person' = 'flag'): CheckResult[] {
  const skip = new Set(checkSkipNames(skipNames, results.map((r) => r.name)));
  const why = (name: string) => (by === 'flag' ? `failure overridden by --skip-check ${name}` : 'skipped: you chose to go on without it');
  return results.map((r) =>
    r.status === 'fail' && skip.has(r.name) ? { ...r, status: 'skipped' as const, detail: `${r.detail} (${why(r.name)})` } : r,
  );
}

const LABEL: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

/** For people: one line per check ("FAIL  ports: port 80 is in use"), its fix indented below. */
/** The results that need a look: warned, failed or skipped. */
export const notPassed = (results: readonly CheckResult[] = []): CheckResult[] => results.filter((r) => r.status !== 'pass');

export function formatResults(results: readonly CheckResult[]): string {
  return results
    .map((r) => {
      const line = `${LABEL[r.status].padEnd(5)} ${r.name}: ${r.detail}\n`;
      return r.fix && r.status !== 'pass' ? `${line}${r.fix.split('\n').map((f, i) => `      ${i === 0 ? 'fix: ' : '     '}${f}\n`).join('')}` : line;
    })
    .join('');
}

export function summarize(results: readonly CheckResult[]): { passed: number; warnings: number; failed: number; skipped: number; ok: boolean } {
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const failed = count('fail');
  return { passed: count('pass'), warnings: count('warn'), failed, skipped: count('skipped'), ok: failed === 0 };
}

/** "7 checks: 5 passed, 1 warning, 1 failed." */
export function summaryLine(results: readonly CheckResult[]): string {
  const s = summarize(results);
  const parts = [`${s.passed} passed`];
  if (s.warnings) parts.push(plural(s.warnings, 'warning'));
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.failed) parts.push(`${s.failed} failed`);
  return `${plural(results.length, 'check')}: ${parts.join(', ')}.`;
}

/**
 * The error for failed checks (exit 3), or undefined when none failed. `rerun` is the command to run
 * again once fixed, e.g. "fieldstation doctor".
 */
export function preflightFailure(results: readonly CheckResult[], rerun: string): PreflightError | undefined {
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.name);
  if (failed.length === 0) return undefined;
  return new PreflightError(`preflight failed: ${listWords(failed)} (${summaryLine(results).replace(/\.$/, '')}).`, [
    `Apply the fix shown under each failed check, then run \`${rerun}\` again.`,
    `To go on anyway, add ${failed.map((n) => `--skip-check ${n}`).join(' ')} (one flag per check).`,
  ]);
}
