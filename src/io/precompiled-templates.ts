import type { TemplateSpec } from '../core/render/engine.js';

/**
 * Templates compiled at build time, by template path (e.g. `stickypi/env.hbs`). In the sources this is
 * undefined and io/templates.ts compiles templates/ at run time; scripts/build.mjs replaces this module
 * in the bundle, so the CLI never loads the Handlebars compiler.
 */
export const precompiled: Readonly<Record<string, TemplateSpec>> | undefined = undefined;
