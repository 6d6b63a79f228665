import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { TemplateSpec } from '../core/render/engine.js';
import type { Stack } from '../core/stack.js';
import { stepKinds, type StepKinds } from '../core/steps/kind.js';
import type { AppDeps, StackEntry } from './ports.js';

/** A loaded server with what the services need beside it: its step-kind registry and its templates. */
export interface LoadedStack {
  readonly stack: Stack;
  readonly kinds: StepKinds;
  templates(): Promise<Record<string, TemplateSpec>>;
}

export const stackIds = (deps: Pick<AppDeps, 'stacks'>): string[] => deps.stacks.map((s) => s.about.id);

function findEntry(deps: Pick<AppDeps, 'stacks'>, id: string): StackEntry | undefined {
  return deps.stacks.find((s) => s.about.id === id);
}

const loaded = new WeakMap<StackEntry, Promise<LoadedStack>>();

/** Loads a registered server by id (once per process), or says which ones there are. */
export function loadStack(deps: Pick<AppDeps, 'stacks' | 'templatesRoot'>, id: string): Promise<LoadedStack> {
  const entry = findEntry(deps, id);
  if (!entry) {
    return Promise.reject(new UsageError(`there is no server "${id}" in this fieldstation.`, [`The servers: ${stackIds(deps).join(', ')}.`]));
  }
  let done = loaded.get(entry);
  if (!done) {
    done = entry.load().then((stack) => {
      const kinds = stepKinds(stack.stepKinds);
      const dir = entry.templatesDir ?? join(deps.templatesRoot, stack.id);
      let templates: Promise<Record<string, TemplateSpec>> | undefined;
      // The template runtime loads with the first plan, not with the server (the wizard's first question needs none).
      return { stack, kinds, templates: () => (templates ??= import('../io/templates.js').then((t) => t.loadTemplates(stack, dir))) };
    });
    loaded.set(entry, done);
  }
  return done;
}
