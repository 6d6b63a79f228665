import Handlebars from 'handlebars';
import { isSecret } from '../secrets/secret.js';
import { quoteFor, type FormatName } from './formats.js';

/** A template failed to render: a missing value in the context, or a value its format cannot carry. */
export class RenderError extends Error {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`${template}: ${message}`);
  }
}

const HELPERS: readonly FormatName[] = ['env', 'json'];

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
 * A private Handlebars instance: no HTML escaping (these are config files), strict about missing keys,
 * and only our own format-aware helpers, so every value is quoted for the file it goes into.
 */
export function createRenderer() {
  const hb = Handlebars.create();
  for (const name of HELPERS) hb.registerHelper(name, (value: unknown) => quoteFor(name, plain(value, name)));
  const knownHelpers = Object.fromEntries(HELPERS.map((h) => [h, true]));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name: string, source: string, context: Record<string, unknown>): string {
      let compiled = cache.get(name);
      if (!compiled) {
        compiled = hb.compile(source, { noEscape: true, strict: true, knownHelpers, knownHelpersOnly: true });
        cache.set(name, compiled);
      }
      try {
        return compiled(context);
      } catch (error) {
        throw new RenderError(name, error instanceof Error ? error.message : String(error));
      }
    },
  };
}
export type Renderer = ReturnType<typeof createRenderer>;
