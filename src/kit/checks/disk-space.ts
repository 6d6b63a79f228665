import { verdict, type Check, type Verdict } from '../../core/checks/check.js';
import type { DiskFact, DiskNeed } from '../../core/checks/machine.js';
import { formatBytes, listWords } from '../../core/checks/words.js';

export interface DiskParams {
  /** Free space needed on the file system holding each path (the nearest existing folder is measured). */
  readonly needs: readonly DiskNeed[];
}

/** Headroom under which a fit is only a warning: the estimates are estimates. */
export const DISK_HEADROOM = 1.2;

/**
 * Needs on the same file system add up. Less free space than needed fails; less than 20% to spare warns;
 * a file system that cannot be measured warns.
 */
export function judgeDisk(facts: readonly DiskFact[]): Verdict {
  if (facts.length === 0) return verdict('pass', 'no disk space needed');
  const parts: string[] = [];
  const fixes: string[] = [];
  let worst: Verdict['status'] = 'pass';
  for (const fact of facts) {
    const needed = fact.needs.reduce((sum, n) => sum + n.bytes, 0);
    const paths = fact.needs.map((n) => n.path);
    const where = paths.length === 1 ? paths[0]! : `${listWords(paths)} (one file system)`;
    const whys = fact.needs.map((n) => `${formatBytes(n.bytes)} for ${n.why} (${n.path})`).join(', ');
    if ('error' in fact) {
      parts.push(`${where}: could not measure free space (${fact.error})`);
      fixes.push(`Check by hand that \`df -h ${fact.measuredAt}\` shows at least ${formatBytes(needed)} available: ${whys}.`);
      if (worst === 'pass') worst = 'warn';
      continue;
    }
    parts.push(`${where}: ${formatBytes(needed)} needed, ${formatBytes(fact.freeBytes)} free`);
    if (fact.freeBytes < needed) {
      worst = 'fail';
      fixes.push(`Free at least ${formatBytes(needed - fact.freeBytes)} on the file system of ${fact.measuredAt} (see \`df -h ${fact.measuredAt}\`; \`docker system prune\` removes unused images), or put those folders on a larger disk. Needed: ${whys}.`);
    } else if (fact.freeBytes < needed * DISK_HEADROOM) {
      if (worst === 'pass') worst = 'warn';
      fixes.push(`Less than ${Math.round((DISK_HEADROOM - 1) * 100)}% to spare on the file system of ${fact.measuredAt}: free some space (\`df -h ${fact.measuredAt}\`) or plan a larger disk before it fills. Needed: ${whys}.`);
    }
  }
  return verdict(worst, parts.join('; '), fixes.length ? fixes.join('\n') : undefined);
}

/** Free space for the data, the images and the containers (the stack's estimate). */
export const diskSpace: Check<DiskParams, readonly DiskFact[]> = {
  name: 'disk',
  title: 'Disk space',
  measure: (machine, { needs }) => machine.disk(needs),
  judge: (facts) => judgeDisk(facts),
  ifSkipped: ({ needs }) => `the server may fill the disk (${[...new Set(needs.map((n) => n.why))].join('; ')}): image pulls or the database can fail part-way, and a full disk can stop other services on this machine.`,
};
