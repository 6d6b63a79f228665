import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import { formatBytes } from '../../core/checks/words.js';

const GB = 1024 ** 3;

export interface MemoryParams {
  /** Memory the server needs to run well. */
  readonly bytes: number;
}

/**
 * Total memory against what the server needs to run well. The kernel keeps some for itself, so 90% of the
 * need passes (a "2 GB" machine reports about 1.9 GB); under 90% warns; under half fails.
 */
export function judgeMemory(requiredBytes: number, totalBytes: number): Verdict {
  if (requiredBytes <= 0) return verdict('pass', `${formatBytes(totalBytes)} (no minimum)`);
  const detail = `${formatBytes(totalBytes)} total, ${formatBytes(requiredBytes)} needed`;
  if (totalBytes >= requiredBytes * 0.9) return verdict('pass', detail);
  const swapGb = Math.ceil(requiredBytes / GB);
  const fix = `Give this machine at least ${formatBytes(requiredBytes)} of memory (resize the VM), or add swap: \`sudo fallocate -l ${swapGb}G /swapfile && sudo chmod 600 /swapfile && sudo mkswap /swapfile && sudo swapon /swapfile\` (and add it to /etc/fstab).`;
  if (totalBytes >= requiredBytes * 0.5) return verdict('warn', `${detail}: the server may be slow or have processes killed`, fix);
  return verdict('fail', `${detail}: too little for the server to run`, fix);
}

/** Enough memory for the server to run well. */
export const memory: Check<MemoryParams, number> = {
  name: 'memory',
  title: 'Memory',
  measure: async (machine) => machine.memoryBytes(),
  judge: (total, { bytes }) => judgeMemory(bytes, total),
  ifSkipped: () => 'the server may start but run slowly, or its containers be killed when memory runs out (the database first).',
};
