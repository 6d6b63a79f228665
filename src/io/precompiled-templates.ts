import type { TemplateSpec } from '../core/render/engine.js';

/**
 * Templates compiled at build time, by stack and template file name. Each server's bundle
 * (dist/stack-<id>.cjs, made by scripts/build.mjs) registers its own as it loads, so a command carries
 * only the templates of the server it works on and never the Handlebars compiler. From the sources
 * nothing is registered, and io/templates.ts compiles templates/ at run time.
 */
const registry = new Map<string, Readonly<Record<string, TemplateSpec>>>();

/** Called by a server's bundle as it loads, with every template of templates/<stack>/ compiled. */
export function registerPrecompiled(stack: string, specs: Readonly<Record<string, TemplateSpec>>): void {
  registry.set(stack, specs);
}

/** A server's compiled templates by file name, or undefined when none were registered (the sources). */
export const precompiledFor = (stack: string): Readonly<Record<string, TemplateSpec>> | undefined => registry.get(stack);
