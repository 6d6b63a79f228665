import { showWord } from '../plan/words.js';
import type { Step } from '../steps/step.js';

/**
 * Whether a destructive step may run, and how to ask. A step that wipes a device is never run on a plain
 * yes: interactively the device path is typed back, after its identity is shown; unattended it runs only
 * when --wipe-device names that very device as well as --yes-destructive, so a plan that points at the
 * wrong disk (a typo, /dev/sdX names that moved) stops instead of erasing it.
 */
export interface ConsentFlags {
  /** --yes-destructive: run destructive steps without asking. */
  readonly yesDestructive: boolean;
  /** --wipe-device, repeatable: the devices the person named as theirs to erase. */
  readonly wipeDevices: readonly string[];
  /**
   * Someone can be asked now. Not without a terminal, and not when --yes-destructive said not to ask:
   * then a wiping step runs only with its device named, or stops.
   */
  readonly canAsk: boolean;
}

export type Consent =
  | { readonly kind: 'run' }
  /** A yes/no question. */
  | { readonly kind: 'ask' }
  /** The device's identity shown, then its path typed back exactly. */
  | { readonly kind: 'type-device'; readonly device: string }
  /** Not run: the run stops before the step, saying why and what to run instead. */
  | { readonly kind: 'stop'; readonly reason: string };

export function destructiveConsent(step: Pick<Step, 'destructive' | 'wipes'>, flags: ConsentFlags): Consent {
  const device = step.wipes?.device;
  if (device === undefined) {
    if (flags.yesDestructive) return { kind: 'run' };
    if (flags.canAsk) return { kind: 'ask' };
    return { kind: 'stop', reason: 'there is no terminal to ask' };
  }
  if (flags.yesDestructive && flags.wipeDevices.includes(device)) return { kind: 'run' };
  if (flags.canAsk) return { kind: 'type-device', device };
  const others = flags.wipeDevices.filter((d) => d !== device);
  if (others.length) return { kind: 'stop', reason: `--wipe-device names ${others.map(showWord).join(', ')}, not ${showWord(device)}` };
  if (flags.wipeDevices.includes(device)) return { kind: 'stop', reason: '--wipe-device names it, but --yes-destructive was not given' };
  if (flags.yesDestructive) return { kind: 'stop', reason: '--yes-destructive alone never runs a step that wipes a device: --wipe-device must name it too' };
  return { kind: 'stop', reason: 'there is no terminal to ask you to type the device path' };
}

/** The command that runs a stopped step: the resume command with the flags it needs, the device named. */
export function consentCommand(resumeCommand: string, step: Pick<Step, 'wipes'>): string {
  return `${resumeCommand} --yes-destructive${step.wipes ? ` --wipe-device ${showWord(step.wipes.device)}` : ''}`;
}

/**
 * Why a destructive step did not run, for people: for a wiping step the device, what is on it (its
 * identity, read just now, or why it could not be read) and the exact command that runs it.
 */
export function stopMessage(step: Pick<Step, 'id' | 'title' | 'wipes'>, reason: string, resumeCommand: string, identity?: string): string {
  const command = consentCommand(resumeCommand, step);
  if (!step.wipes) {
    return `Step ${step.id} (${step.title}) changes or deletes data and needs a confirmation; ${reason}.\n  Run \`${command}\` once you have checked it (fieldstation plan shows it).\n`;
  }
  return [
    `Step ${step.id} (${step.title}) wipes ${step.wipes.device}: everything on it is lost. Not run: ${reason}.`,
    `  ${identity ?? `${step.wipes.device}: its identity could not be read`}`,
    `  Check that this is the device to erase, then run:`,
    `    ${command}`,
    '',
  ].join('\n');
}

/**
 * Whether what was typed names the device: exactly its path, spaces around it aside. A yes is not enough
 * where the person must say which disk they mean; the same rule in the CLI and the wizard.
 */
export const typedBack = (typed: string, device: string): boolean => typed.trim() === device;

/** The question before a destructive step, the same in the CLI and the wizard. */
export const destructiveQuestion = (step: Pick<Step, 'id' | 'title'>): string => `Step ${step.id} (${step.title}) changes or deletes data. Run it?`;

/** Above the typed confirmation: which step, the device's identity read just now, and whether it is in use. */
export function wipeQuestion(step: Pick<Step, 'id' | 'title'> & { readonly wipes: { readonly device: string } }, identity: string, inUse: readonly string[]): string {
  return [
    `Step ${step.id} (${step.title}) wipes ${step.wipes.device}: everything on it is lost.`,
    `  ${identity}`,
    ...(inUse.length ? [`  It is in use: ${inUse.join('; ')}.`] : []),
    `Type the device path (${step.wipes.device}) to wipe it; anything else stops here: `,
  ].join('\n');
}
