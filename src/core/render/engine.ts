import HandlebarsRuntime from 'handlebars/runtime.js';
import { isSecret } from '../secrets/secret.js';
import { quoteFor, type FormatName } from './formats.js';
import COMPILE_OPTIONS from './compile-options.json' with { type: 'json' };

export { COMPILE_OPTIONS };

/** A template compiled by Handlebars.precompile with COMPILE_OPTIONS (at build time, or by io at run time). */
export type TemplateSpec = object;

/** A template failed to render: a missing value in the context, or a value its format cannot carry. */
export class RenderError extends Error {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`${template}: ${message}`);
  }
}

const HELPERS = Object.keys(COMPILE_OPTIONS.knownHelpers) as FormatName[];

/** The value as text. Secrets are revealed here and only here: this is where they are written. */
function plain(value: unknown, helper: string): string {
  if (value === undefined || value === null) {
    // Handlebars' strict mode does not catch a missing helper argument, so every helper checks for itself.
    throw new Error(`{{${helper}}} was given no value (a missing context key?)`);
  }
  if (isSecret(value)) return value.reveal();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`{{${helper}}} was given a ${typeof value}, not text`);
}

/**
 * A private Handlebars runtime: templates are compiled without HTML escaping (these are config files),
 * strict about missing keys, and with only our own format-aware helpers, so every value is quoted for the
 * file it goes into. Only the runtime is loaded here; compiling happens at build time (or in io for tests).
 */
export function createRenderer() {
  const hb = (HandlebarsRuntime as unknown as typeof import('handlebars')).create();
  for (const name of HELPERS) hb.registerHelper(name, (value: unknown) => quoteFor(name, plain(value, name)));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name: string, spec: TemplateSpec, context: Record<string, unknown>): string {
      let template = cache.get(name);
      if (!template) {
        template = hb.template(spec as Parameters<typeof hb.template>[0]);
        cache.set(name, template);
      }
      try {
        return template(context);
      } catch (error) {
        throw new RenderError(name, error instanceof Error ? error.message : String(error));
      }
    },
  };
}
export type Renderer = ReturnType<typeof createRenderer>;
