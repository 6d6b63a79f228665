import HandlebarsRuntime from 'handlebars/runtime.js';
import { FormatError, helpersOf, quoteFor, type Format } from '../formats/format.js';
import { isSecret } from '../secrets/secret.js';
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

/** The value quoted for the format; a list only for a format that joins lists (the words of a command line). */
function quoted(format: Format, value: unknown): string {
  if (Array.isArray(value) && format.listSeparator === undefined) throw new Error(`{{${format.name}}} was given a list, but it writes one value`);
  if (Array.isArray(value) && value.length === 0) throw new Error(`{{${format.name}}} was given an empty list`);
  const items = (Array.isArray(value) ? value : [value]).map((item: unknown) => plain(item, format.name));
  const written = items.map((item) => quoteFor(format, item));
  const reason = format.checkList?.(items);
  if (reason !== undefined) throw new FormatError(format.name, reason);
  return written.join(format.listSeparator ?? '');
}

type Runtime = typeof import('handlebars');

/**
 * Private Handlebars runtimes: templates are compiled without HTML escaping (these are config files) and
 * strict about missing keys. A template sees only its file's format helper (`{{env value}}` in an env file)
 * and those of the format's companions (a unit file's `{{systemd-exec command}}`), so every value is quoted
 * for the file and the position it goes into and a template cannot borrow another file's quoting. Only the
 * runtime is loaded; compiling happens at build time (or in io for tests).
 */
export function createRenderer() {
  const runtimes = new Map<string, Runtime>();
  const runtimeFor = (format: Format): Runtime => {
    let hb = runtimes.get(format.name);
    if (!hb) {
      hb = (HandlebarsRuntime as unknown as Runtime).create();
      for (const helper of helpersOf(format)) hb.registerHelper(helper.name, (value: unknown) => quoted(helper, value));
      runtimes.set(format.name, hb);
    }
    return hb;
  };
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name: string, spec: TemplateSpec, format: Format, context: Record<string, unknown>): string {
      const key = `${format.name}\0${name}`;
      let template = cache.get(key);
      if (!template) {
        const hb = runtimeFor(format);
        template = hb.template(spec as Parameters<typeof hb.template>[0]);
        cache.set(key, template);
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
