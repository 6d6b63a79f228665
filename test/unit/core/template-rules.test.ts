import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { templateProblems } from '../../../src/core/render/template-rules.js';

const problems = (source: string, helper = 'env') => templateProblems(Handlebars.parse(source), helper);

describe('template rules', () => {
  it('accepts values quoted by the file format\'s helper, and blocks over the context', () => {
    expect(problems('A={{env a}}\n{{#if b}}B={{env b}}{{else}}# none{{/if}}\n{{#each list}}X={{env this}}\n{{/each}}{{! a comment }}')).toEqual([]);
  });

  it.each([
    ['A={{a}}', 'line 1: {{a}} writes a value unquoted; use {{env a}}'],
    ['A={{{a}}}', 'line 1: {{{...}}} writes a value unquoted; use {{env value}}'],
    ['\nA={{json a}}', 'line 2: {{json ...}} is not this file\'s format; use {{env value}}'],
    ['A={{env a b}}', 'line 1: {{env}} takes exactly one value from the context'],
    ['A={{env (lookup a b)}}', 'line 1: {{env}} takes exactly one value from the context'],
    ['{{> partial}}', 'line 1: PartialStatement is not allowed in templates'],
    ['{{#lookup a}}x{{/lookup}}', 'line 1: {{#lookup}} is not a block templates may use (if, unless, each, with)'],
  ])('refuses %j', (source, problem) => {
    expect(problems(source)).toEqual([problem]);
  });

  it('accepts the helpers of the format\'s companions, and names them all when another is used', () => {
    expect(templateProblems(Handlebars.parse('A={{unit a}}\nB={{unit-exec b}}\n'), ['unit', 'unit-exec'])).toEqual([]);
    expect(templateProblems(Handlebars.parse('A={{env a}}'), ['unit', 'unit-exec'])).toEqual(['line 1: {{env ...}} is not this file\'s format; use {{unit value}} or {{unit-exec value}}']);
    expect(templateProblems(Handlebars.parse('A={{unit-exec a b}}'), ['unit', 'unit-exec'])).toEqual(['line 1: {{unit-exec}} takes exactly one value from the context']);
  });

  it('lists every problem of a template at once', () => {
    expect(problems('{{a}}\n{{b}}\n{{env c}}')).toHaveLength(2);
  });
});
