import { resumeCommand } from '../app/paths.js';
import { describeIdentity, deviceUse } from '../core/devices/identity.js';
import { destructiveConsent, destructiveQuestion, stopMessage, wipeQuestion, type ConsentFlags } from '../core/run/consent.js';
import type { Step } from '../core/steps/step.js';
import { confirm, confirmTyped } from './confirm.js';
import type { CliContext } from './context.js';

/** What a device holds, read now, in words; a device that cannot be read says why (the step would fail on it too). */
async function identityNow(ctx: Pick<CliContext, 'env'>, device: string): Promise<{ line: string; inUse: readonly string[] }> {
  try {
    const identity = await (await import('../io/effects.js')).identifyDevice(device, { env: ctx.env });
    return { line: describeIdentity(identity), inUse: deviceUse(identity).reasons };
  } catch (error) {
    return { line: `${device}: its identity could not be read (${error instanceof Error ? error.message : String(error)})`, inUse: [] };
  }
}

/**
 * The confirmation before a destructive step (see destructiveConsent): run it, ask yes or no, have a wiped
 * device's path typed back after showing what is on it, or stop with the device's identity and the exact
 * command that runs the step. False stops the run before the step.
 */
export async function confirmDestructiveStep(ctx: Pick<CliContext, 'env' | 'out' | 'stdin' | 'stderr'>, step: Step, flags: ConsentFlags & { readonly dir: string }): Promise<boolean> {
  const consent = destructiveConsent(step, flags);
  switch (consent.kind) {
    case 'run':
      return true;
    case 'ask':
      return confirm(ctx, destructiveQuestion(step));
    case 'stop': {
      const identity = step.wipes ? (await identityNow(ctx, step.wipes.device)).line : undefined;
      ctx.out.err(stopMessage(step, consent.reason, resumeCommand(flags.dir), identity));
      return false;
    }
    case 'type-device': {
      const identity = await identityNow(ctx, consent.device);
      if (await confirmTyped(ctx, wipeQuestion({ ...step, wipes: { device: consent.device } }, identity.line, identity.inUse), consent.device)) return true;
      ctx.out.err(`That is not ${consent.device}: step ${step.id} was not run, and nothing on the device was touched.\n`);
      return false;
    }
  }
}
