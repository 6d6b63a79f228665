import { promises as fs } from 'node:fs';
import type { Probe } from '../core/steps/step.js';
import type { Executor } from './executors/types.js';

/** Answers a step's skip probe: is its work already there? Anything unexpected counts as "no". */
export function createProbe(exec: Executor<'exec'>, http: Executor<'http'>) {
  return async (probe: Probe, signal: AbortSignal): Promise<boolean> => {
    if (probe.kind === 'path-exists') {
      try {
        await fs.access(probe.path);
        return true;
      } catch {
        return false;
      }
    }
    // A probe asks once: "not there yet" is an answer, not a failure to wait out.
    if (probe.kind === 'http') return (await http({ kind: 'http', check: { ...probe.check, deadlineSeconds: 0 } }, { signal, onLine: () => undefined })).ok;
    const outcome = await exec({ kind: 'exec', argv: probe.argv, ...(probe.cwd ? { cwd: probe.cwd } : {}), ...(probe.env ? { env: probe.env } : {}) }, { signal, onLine: () => undefined });
    return outcome.ok;
  };
}
