import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { COMPILE_OPTIONS, type TemplateSpec } from '../core/render/engine.js';
import { helpersOf } from '../core/formats/format.js';
import type { Stack } from '../core/stack.js';
import { templateProblems } from '../core/render/template-rules.js';
import { precompiledFor } from './precompiled-templates.js';

/**
 * The compiled templates a stack needs, by template file name. The bundle carries them compiled at build
 * time; from the sources (tests, development) they are read from the stack's templates folder (`dir`,
 * templates/<stack>/ for the registered stacks) and compiled here, after the template rules are checked.
 */
export async function loadTemplates(stack: Stack, dir: string): Promise<Record<string, TemplateSpec>> {
  const built = precompiledFor(stack.id);
  if (built) {
    return Object.fromEntries(stack.files.map((f) => {
      const spec = built[f.template];
      if (!spec) throw new Error(`template ${stack.id}/${f.template} is missing from the build; run npm run build`);
      return [f.template, spec];
    }));
  }
  // A computed specifier keeps the bundler from pulling the Handlebars compiler into dist/: the bundle
  // always has precompiled templates and never reaches this line.
  const compiler = 'handlebars';
  const { default: Handlebars } = (await import(compiler)) as { default: typeof import('handlebars') };
  const entries = await Promise.all(stack.files.map(async (f) => {
    const name = `${stack.id}/${f.template}`;
    const source = await fs.readFile(join(dir, f.template), 'utf8');
    const problems = templateProblems(Handlebars.parse(source), helpersOf(f.format).map((h) => h.name));
    if (problems.length) throw new Error(`template ${name} breaks the template rules:\n  ${problems.join('\n  ')}`);
    // precompile gives JavaScript source for the spec object; evaluating it is what Handlebars.compile does too.
    const spec = new Function(`return ${Handlebars.precompile(source, COMPILE_OPTIONS)}`)() as TemplateSpec;
    return [f.template, spec] as const;
  }));
  return Object.fromEntries(entries);
}
