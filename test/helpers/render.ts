import Handlebars from 'handlebars';
import { helpersOf, type Format } from '../../src/core/formats/format.js';
import { COMPILE_OPTIONS, createRenderer, type TemplateSpec } from '../../src/core/render/engine.js';
import { templateProblems } from '../../src/core/render/template-rules.js';

const renderer = createRenderer();

/**
 * A template given as text, rendered as a stack's file is: checked against the template rules, compiled
 * with the engine's options and rendered by the engine with the format's helpers (and its companions').
 */
export function renderTemplate(source: string, format: Format, context: Record<string, unknown>, name = 'test.hbs'): string {
  const problems = templateProblems(Handlebars.parse(source), helpersOf(format).map((f) => f.name));
  if (problems.length) throw new Error(`template ${name} breaks the template rules:\n  ${problems.join('\n  ')}`);
  const spec = new Function(`return ${Handlebars.precompile(source, COMPILE_OPTIONS)}`)() as TemplateSpec;
  return renderer.render(`test/${name}\0${source}`, spec, format, context);
}
