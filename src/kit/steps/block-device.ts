import { describeIdentity, deviceUse } from '../../core/devices/identity.js';
import type { StepKind } from '../../core/steps/kind.js';

/**
 * Before a device is formatted: what is on it, read when the step runs (not when the plan was made), and
 * a refusal when anything is (see deviceUse). Changes nothing, so it is not destructive itself: it goes
 * first, and the step that wipes the device depends on it.
 */
export interface BlockDeviceGuardRun {
  readonly kind: 'block-device-guard';
  readonly device: string;
  /** The admin said to use the device although it is in use. */
  readonly force: boolean;
  /** How the admin forces it, in the caller's words (the answer to set): the refusal says it. */
  readonly forceHint?: string;
}

export const blockDeviceGuard = (o: { device: string; force: boolean; forceHint?: string }): BlockDeviceGuardRun => ({ kind: 'block-device-guard', device: o.device, force: o.force, ...(o.forceHint !== undefined ? { forceHint: o.forceHint } : {}) });

export const blockDeviceGuardKind: StepKind<BlockDeviceGuardRun> = {
  kind: 'block-device-guard',
  describe: (run) => [
    `read what is on ${run.device} (lsblk, wipefs --no-act): size, model, serial, partitions, signatures, mounts, holders`,
    run.force
      ? 'forced: goes on even if it is mounted, partitioned, holds a filesystem, LUKS or partition-table signature, or is held open'
      : `refuse if it is mounted, partitioned, holds a filesystem, LUKS or partition-table signature, or is held open${run.forceHint ? ` (to use it anyway: ${run.forceHint})` : ''}`,
  ],
  // For the doctor's host-tool check. lsblk, which it starts too, comes in the same package (util-linux).
  argv: (run) => ['wipefs', '--no-act', '--json', run.device],
  async execute(run, ctx) {
    let identity;
    try {
      identity = await (await import('../../io/effects.js')).identifyDevice(run.device, { env: ctx.settings.env });
    } catch (error) {
      return { ok: false, error: `cannot tell what is on ${run.device}: ${error instanceof Error ? error.message : String(error)}` };
    }
    const line = describeIdentity(identity);
    ctx.onLine(line, 'info');
    const use = deviceUse(identity);
    if (!use.inUse) return { ok: true, detail: line };
    if (run.force) {
      ctx.onLine(`in use, and forced: ${use.reasons.join('; ')}`, 'info');
      return { ok: true, detail: `${line} (in use, forced)` };
    }
    const how = run.forceHint ? `If it is the right device and what is on it may go, ${run.forceHint}.` : 'Nothing was changed.';
    return { ok: false, error: `${run.device} is in use, so it was left alone: ${use.reasons.join('; ')}. Check that it is the device you mean. ${how}` };
  },
};
