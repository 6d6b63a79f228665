/**
 * What the runner tells the world while it works. The line reporter, --json and the Ink progress screen
 * all consume these same events; they only decide how they look. Every text in them is already masked.
 */
export type RunEvent =
  | { readonly type: 'run-started'; readonly at: string; readonly runId: string; readonly stack: string; readonly dir: string; readonly logPath: string; readonly resumed: boolean; /** What runs: the bootstrap, or an operation (geoip-swap); the bootstrap when absent. */ readonly what?: string; readonly steps: readonly { readonly id: string; readonly title: string; readonly status: 'pending' | 'done' | 'skipped' }[] }
  | { readonly type: 'step-started'; readonly at: string; readonly id: string; readonly title: string; readonly attempt: number; readonly attempts: number }
  | { readonly type: 'step-output'; readonly at: string; readonly id: string; readonly stream: 'stdout' | 'stderr' | 'info'; readonly line: string }
  | { readonly type: 'step-retry'; readonly at: string; readonly id: string; readonly attempt: number; readonly error: string; readonly delaySeconds: number }
  | { readonly type: 'step-skipped'; readonly at: string; readonly id: string; readonly title: string; readonly reason: string }
  | { readonly type: 'step-succeeded'; readonly at: string; readonly id: string; readonly title: string; readonly seconds: number; readonly detail?: string }
  | { readonly type: 'step-failed'; readonly at: string; readonly id: string; readonly title: string; readonly seconds: number; readonly error: string; readonly tail: readonly string[] }
  | { readonly type: 'step-interrupted'; readonly at: string; readonly id: string; readonly title: string }
  | { readonly type: 'run-finished'; readonly at: string; readonly status: RunStatus; readonly seconds: number; readonly failed?: string; readonly logPath: string; readonly what?: string };

export type RunStatus = 'succeeded' | 'failed' | 'interrupted';
