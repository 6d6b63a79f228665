import type { CheckResult } from '../core/checks/check.js';
import type { Problem } from '../core/errors.js';
import type { PlanView } from '../core/plan/view.js';
import type { RunEvent } from '../core/run/events.js';
import type { FilesWritten } from '../core/session/outcome.js';
import type { StackAbout } from '../core/stack.js';

/**
 * What the services tell their caller while they work, in order: the answers were checked, the plan is
 * ready, the machine was checked, the files were written, then the bootstrap's own events. The CLI prints
 * them, the wizard draws them; every text in them is already masked.
 */
export type AppEvent =
  /** `mask` hides every secret known so far: for the caller's own output (defence in depth). */
  | { readonly type: 'answers-checked'; readonly stack: StackAbout; readonly source: string; readonly warnings: readonly Problem[]; readonly mask: (text: string) => string }
  /** From here on `mask` also knows the generated secrets and the ones in the files already written. */
  | { readonly type: 'plan-ready'; readonly plan: PlanView; readonly mask: (text: string) => string }
  | { readonly type: 'preflight'; readonly results: readonly CheckResult[] }
  | { readonly type: 'files-written'; readonly files: FilesWritten; readonly answersPath?: string }
  | RunEvent;

export type { RunOutcome } from '../core/session/outcome.js';
