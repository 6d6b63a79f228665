import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/core/checks/check.js';
import { applySkips, checkSkipNames, formatResults, preflightFailure, summaryLine } from '../../../src/core/checks/outcome.js';
import { ExitCode, UsageError } from '../../../src/core/errors.js';

describe('skips and the outcome', () => {
  const r = (name: CheckResult['name'], status: CheckResult['status'], fix?: string): CheckResult => ({ name, title: name, status, detail: `${name} detail`, ...(fix ? { fix } : {}) });
  const results = [r('docker', 'pass'), r('ports', 'fail', 'free the port'), r('dns', 'fail', 'add a record'), r('memory', 'warn', 'add memory')];

  it('turns a named failure into skipped, keeping what was found and the fix', () => {
    const skipped = applySkips(results, ['dns', 'memory', 'docker']);
    expect(skipped.map((x) => [x.name, x.status])).toEqual([['docker', 'pass'], ['ports', 'fail'], ['dns', 'skipped'], ['memory', 'warn']]);
    expect(skipped[2]).toEqual({ name: 'dns', title: 'dns', status: 'skipped', detail: 'dns detail (failure overridden by --skip-check dns)', fix: 'add a record' });
    expect(applySkips(results, [])).toEqual(results);
  });

  it('refuses an unknown name as a usage error listing the names', () => {
    let error: unknown;
    try {
      applySkips(results, ['dnss']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
    expect((error as UsageError).message).toBe('--skip-check: there is no check named "dnss" (did you mean "dns"?).');
    expect((error as UsageError).hints).toEqual(['The checks are: docker, ports, dns, memory.']);
    const names = ['docker', 'ports', 'tool-sh'];
    expect(() => checkSkipNames(['ports', 'nope', 'zzz'], names)).toThrow('there is no check named "nope" and "zzz".');
    expect(checkSkipNames([...names], names)).toEqual(names);
  });

  it('prints one line per check and the fix under the ones that are not passing', () => {
    expect(formatResults([...applySkips(results, ['dns']), { ...r('disk', 'fail'), fix: 'line one\nline two' }])).toBe([
      'PASS  docker: docker detail',
      'FAIL  ports: ports detail',
      '      fix: free the port',
      'SKIP  dns: dns detail (failure overridden by --skip-check dns)',
      '      fix: add a record',
      'WARN  memory: memory detail',
      '      fix: add memory',
      'FAIL  disk: disk detail',
      '      fix: line one',
      '           line two',
      '',
    ].join('\n'));
    expect(summaryLine(applySkips(results, ['dns']))).toBe('4 checks: 1 passed, 1 warning, 1 skipped, 1 failed.');
    expect(summaryLine([r('docker', 'pass')])).toBe('1 check: 1 passed.');
  });

  it('fails preflight with exit 3 naming each failure and its override', () => {
    const error = preflightFailure(results, 'fieldstation doctor');
    expect(error?.exitCode).toBe(ExitCode.preflight);
    expect(error?.message).toBe('preflight failed: ports and dns (4 checks: 1 passed, 1 warning, 2 failed).');
    expect(error?.hints).toEqual([
      'Apply the fix shown under each failed check, then run `fieldstation doctor` again.',
      'To go on anyway, add --skip-check ports --skip-check dns (one flag per check).',
    ]);
    expect(preflightFailure(applySkips(results, ['ports', 'dns']), 'x')).toBeUndefined();
  });
});
