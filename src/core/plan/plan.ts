import type { Problem } from '../errors.js';
import type { Renderer, TemplateSpec } from '../render/engine.js';
import { filePath, filesFor, type FileSpec, type Stack, type StackInput } from '../stack.js';
import type { Step } from '../steps/step.js';
import { unifiedDiff } from './diff.js';

export const SECRET_MODE = 0o600;
export const PLAIN_MODE = 0o644;

/** What is on disk at a target path now (read by io and passed in). */
export type CurrentFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'file'; readonly content: string; readonly mode: number }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'other'; readonly what: string }
  /** It cannot be there: a part of its path is a file, not a folder. */
  | { readonly kind: 'under-a-file' };

export interface FilePlan {
  readonly path: string;
  readonly description: string;
  readonly status: 'new' | 'changed' | 'unchanged';
  readonly secret: boolean;
  readonly mode: number;
  readonly previousMode?: number;
  /** The rendered content, secrets and all: written by apply, never printed. */
  readonly content: string;
  /** Unified diff with every known secret masked: safe to print. */
  readonly diff: string;
  /** A git checkout tracks it: replacing it shows in `git status`. */
  readonly tracked?: true;
}

/** A reason apply stops before writing anything: a target it will not write through, a folder that is not what the server needs. */
export interface Blocked {
  readonly path: string;
  /** What is wrong, after the path: "is a symbolic link (to ...)". */
  readonly reason: string;
  /** What to do about it. */
  readonly fix?: string;
}

/** Why apply wrote nothing, and what to do: each blocker's own fix, or the one for a target in the way. */
/** What to do about a blocked target that brings no fix of its own. */
export const BLOCKED_FIX = 'Remove or move what is in the way (a link, a folder, or a file where a folder should be), or choose another folder in the answers; then run apply again.';

export function blockedMessage(blocked: readonly Blocked[]): { message: string; hints: string[] } {
  return {
    message: `Nothing was written: ${blocked.map((b) => `${b.path} ${b.reason}`).join('; ')}.`,
    hints: [...new Set(blocked.map((b) => b.fix ?? BLOCKED_FIX))],
  };
}

export interface Plan {
  readonly stack: string;
  readonly dir: string;
  readonly files: readonly FilePlan[];
  readonly steps: readonly Step[];
  readonly notes: readonly string[];
  readonly warnings: readonly Problem[];
  /** Targets we refuse to write through (symlinks, folders), an install folder that is not the server's: apply stops before writing anything. */
  readonly blocked: readonly Blocked[];
}

export const modeOf = (spec: FileSpec): number => (spec.secret ? SECRET_MODE : PLAIN_MODE);

/** Renders each of the stack's files from its compiled template. */
export function renderFiles(stack: Stack, input: StackInput, templates: Readonly<Record<string, TemplateSpec>>, renderer: Renderer): Map<string, string> {
  const ctx = stack.context(input);
  const out = new Map<string, string>();
  for (const spec of filesFor(stack.files, input.answers)) {
    const compiled = templates[spec.template];
    if (compiled === undefined) throw new Error(`template ${stack.id}/${spec.template} was not loaded`);
    out.set(filePath(spec, input.answers), renderer.render(`${stack.id}/${spec.template}`, compiled, spec.format, ctx));
  }
  return out;
}

/**
 * Compares what would be written with what is there: each file new, changed or unchanged, with a diff
 * in which every known secret (new values and the ones on disk) is masked.
 */
export function buildPlan(args: {
  stack: Stack;
  input: StackInput;
  steps: readonly Step[];
  rendered: ReadonlyMap<string, string>;
  current: ReadonlyMap<string, CurrentFile>;
  mask: (text: string) => string;
  warnings: readonly Problem[];
  /** What io found wrong beyond the targets (the install folder): listed first. */
  blocked?: readonly Blocked[];
  /** The targets (as the stack names them) that a git checkout tracks. */
  tracked?: ReadonlySet<string>;
}): Plan {
  const { stack, input, rendered, current, mask } = args;
  const files: FilePlan[] = [];
  const blocked: Blocked[] = [...(args.blocked ?? [])];
  for (const spec of filesFor(stack.files, input.answers)) {
    const path = filePath(spec, input.answers);
    const content = rendered.get(path) ?? '';
    const now = current.get(path) ?? { kind: 'missing' };
    const mode = modeOf(spec);
    if (now.kind === 'symlink') blocked.push({ path, reason: `is a symbolic link (to ${now.target}); fieldstation never writes through one` });
    if (now.kind === 'other') blocked.push({ path, reason: `is a ${now.what}, not a file` });
    if (now.kind === 'under-a-file') blocked.push({ path, reason: 'lies under a file: a part of its path is a file, not a folder' });
    const before = now.kind === 'file' ? now.content : undefined;
    const previousMode = now.kind === 'file' ? now.mode : undefined;
    const status = before === undefined ? 'new' : before === content && previousMode === mode ? 'unchanged' : 'changed';
    files.push({
      path,
      description: spec.description,
      status,
      secret: spec.secret,
      mode,
      ...(previousMode !== undefined ? { previousMode } : {}),
      content,
      diff: mask(unifiedDiff(path.replace(/^\//, ''), before, content)),
      ...(args.tracked?.has(path) ? { tracked: true as const } : {}),
    });
  }
  return {
    stack: stack.id,
    dir: input.dir,
    files,
    steps: args.steps,
    notes: stack.notes?.(input) ?? [],
    warnings: args.warnings,
    blocked,
  };
}
