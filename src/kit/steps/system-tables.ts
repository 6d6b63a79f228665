import { crypttabLine, fstabLine, tableFieldProblems, type FstabFields } from '../../core/devices/system-tables.js';
import type { ExecuteContext, Outcome, StepKind } from '../../core/steps/kind.js';

/**
 * Entries in /etc/crypttab and /etc/fstab, so an encrypted data disk is opened and mounted at boot. Each
 * adds its line once and never rewrites one that is there (see src/core/devices/system-tables.ts); as a
 * skip probe, "the entry is there". `file` is the table's path: the stack passes /etc/crypttab or
 * /etc/fstab, tests a file of their own.
 */
export interface CrypttabEntryRun {
  readonly kind: 'crypttab-entry';
  readonly file: string;
  /** The mapping's name: the disk opens as /dev/mapper/<name>. */
  readonly name: string;
  /** The LUKS device; crypttab names it by its header's UUID, read when the step runs. */
  readonly device: string;
  /** crypttab options, e.g. "luks" or "luks,discard". */
  readonly options: string;
}

export interface FstabEntryRun extends FstabFields {
  readonly kind: 'fstab-entry';
  readonly file: string;
}

export const crypttabEntry = (o: Omit<CrypttabEntryRun, 'kind'>): CrypttabEntryRun => ({ kind: 'crypttab-entry', ...o });
export const fstabEntry = (o: Omit<FstabEntryRun, 'kind'>): FstabEntryRun => ({ kind: 'fstab-entry', ...o });

const load = () => import('../../io/effects.js');
/** The folder a table is in: the privileges check makes sure it can be written. */
const folderOf = (file: string): string => file.replace(/\/[^/]*$/, '') || '/';
const ONCE = 'added once: the same entry already there is left as it is; a different one for the same';

/** The crypttab line, with the LUKS header's UUID read now (it exists only once luksFormat has run). */
async function crypttabLineNow(run: CrypttabEntryRun, ctx: ExecuteContext): Promise<{ ok: true; line: string } | { ok: false; error: string }> {
  const problems = tableFieldProblems('crypttab', { name: run.name, options: run.options });
  if (problems.length) return { ok: false, error: `no crypttab line can be made: ${problems.join('; ')}` };
  const uuid = await (await load()).luksUuid(run.device, ctx.settings.env, ctx.signal);
  if (!uuid.ok) return uuid;
  return { ok: true, line: crypttabLine({ name: run.name, device: `UUID=${uuid.uuid}`, keyFile: 'none', options: run.options }) };
}

export const crypttabEntryKind: StepKind<CrypttabEntryRun> = {
  kind: 'crypttab-entry',
  describe: (run) => [
    `add to ${run.file}: ${crypttabLine({ name: run.name, device: `UUID=<LUKS UUID of ${run.device}>`, keyFile: 'none', options: run.options })}`,
    `(the UUID from \`cryptsetup luksUUID ${run.device}\`; "none": the passphrase is asked at boot)`,
    `${ONCE} name stops the step, both lines shown`,
  ],
  async execute(run, ctx): Promise<Outcome> {
    const line = await crypttabLineNow(run, ctx);
    if (!line.ok) return line;
    const outcome = await (await load()).addTableLine('crypttab', run.file, line.line);
    if (outcome.ok && outcome.detail) ctx.onLine(outcome.detail, 'info');
    return outcome;
  },
  async probe(run, ctx) {
    const line = await crypttabLineNow(run, ctx);
    return line.ok && (await load()).tableLinePresent('crypttab', run.file, line.line);
  },
  describeProbe: (run) => `${run.file} has the entry for ${run.name}`,
  // For the doctor's host-tool check: it reads the header's UUID with cryptsetup.
  argv: (run) => ['cryptsetup', 'luksUUID', run.device],
  writes: (run) => [folderOf(run.file)],
};

export const fstabEntryKind: StepKind<FstabEntryRun> = {
  kind: 'fstab-entry',
  describe: (run) => [`add to ${run.file}: ${fstabLine(run)}`, `${ONCE} mount point stops the step, both lines shown`],
  async execute(run, ctx) {
    const problems = tableFieldProblems('fstab', { source: run.source, mountPoint: run.mountPoint, fsType: run.fsType, options: run.options });
    if (problems.length) return { ok: false, error: `no fstab line can be made: ${problems.join('; ')}` };
    const outcome = await (await load()).addTableLine('fstab', run.file, fstabLine(run));
    if (outcome.ok && outcome.detail) ctx.onLine(outcome.detail, 'info');
    return outcome;
  },
  async probe(run) {
    return (await load()).tableLinePresent('fstab', run.file, fstabLine(run));
  },
  describeProbe: (run) => `${run.file} has the entry for ${run.mountPoint}`,
  writes: (run) => [folderOf(run.file)],
};
