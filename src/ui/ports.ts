import type { Problem } from '../core/errors.js';
import type { RunEvent, RunStatus } from '../core/run/events.js';
import type { Stack } from '../core/stack.js';
import type { SecretChoice } from '../core/wizard/machine.js';
import type { AnswerValue } from '../core/questions/types.js';

/**
 * What the interactive frontends (Ink and plain) get from the program: the stack, what is in the folder,
 * and functions that validate, plan, apply and resume. They decide only how things look and are asked.
 */

/** What the wizard found in DIR before asking anything. */
export type InstallStatus =
  | { readonly kind: 'fresh' }
  | {
      readonly kind: 'installed';
      /** Answers recorded by the last apply, to start from (secrets as choices: kept ones count as generated). */
      readonly answers: Readonly<Record<string, AnswerValue>>;
      readonly secrets: Readonly<Record<string, SecretChoice>>;
      /** The last bootstrap did not finish: offer to resume it. */
      readonly unfinished: { readonly failedStep?: string; readonly updatedAt: string } | undefined;
    };

/** The plan, ready to show: every text already masked. */
export interface PlanPreview {
  readonly files: readonly { readonly path: string; readonly status: 'new' | 'changed' | 'unchanged'; readonly description: string; readonly secret: boolean; readonly diff: string }[];
  readonly steps: readonly { readonly id: string; readonly title: string }[];
  readonly notes: readonly string[];
  readonly warnings: readonly Problem[];
  /** Targets that cannot be written (a symbolic link): applying would stop before writing anything. */
  readonly blocked: readonly string[];
}

export type PreviewResult = { readonly ok: true; readonly plan: PlanPreview } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface ApplyOutcome {
  /** 'written': files only (--skip-bootstrap); otherwise how the bootstrap ended. 'refused': preflight or files failed. */
  readonly status: RunStatus | 'written' | 'refused';
  readonly message?: string;
  readonly logPath?: string;
  readonly failed?: { readonly id: string; readonly error: string; readonly tail: readonly string[] };
  /** DIR/.fieldstation/answers.yaml: the answers for a replay, secrets only as references. */
  readonly answersPath?: string;
  readonly written: readonly string[];
  /** Next steps for the summary (DNS records, where things are). */
  readonly notes: readonly string[];
  readonly resumeCommand: string;
}

export interface BlockDevice {
  readonly path: string;
  readonly size: string;
  readonly model: string;
  readonly mounted: string | undefined;
  readonly filesystem: string | undefined;
}

export interface WizardPorts {
  readonly stack: Stack;
  readonly dir: string;
  readonly install: InstallStatus;
  /** Full checks (including reading typed secrets' rules) and the plan for these answers; writes nothing. */
  preview(data: Record<string, unknown>): Promise<PreviewResult>;
  /** Writes the files and answers.yaml, then runs the bootstrap (unless it was switched off). */
  apply(data: Record<string, unknown>, emit: (event: RunEvent) => void, signal: AbortSignal): Promise<ApplyOutcome>;
  /** Continues the unfinished bootstrap. */
  resume(emit: (event: RunEvent) => void, signal: AbortSignal): Promise<ApplyOutcome>;
  /** The machine's block devices, for a device question. */
  listDevices(): Promise<readonly BlockDevice[]>;
}

/** How the terminal was judged once, in src/cli. */
export interface TerminalInfo {
  readonly unicode: boolean;
  readonly color: boolean;
}
