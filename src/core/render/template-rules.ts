/**
 * What a template may contain, checked on its parsed form before it is ever used: templates stay dumb.
 * Every value goes through the file's format helper (`{{env value}}`); a bare `{{value}}` or `{{{value}}}`
 * would write it unquoted, so it is refused, as are partials, sub-expressions and helpers of other formats.
 * Blocks may test and loop over what the stack's context precomputed (#if, #unless, #each, #with).
 */
type Node = { readonly type: string; readonly [key: string]: unknown };

const BLOCKS = new Set(['if', 'unless', 'each', 'with']);

const pathName = (node: unknown): string | undefined => {
  const n = node as { type?: string; original?: unknown } | undefined;
  return n?.type === 'PathExpression' && typeof n.original === 'string' ? n.original : undefined;
};

/**
 * Every rule the template breaks, with its line; empty when it may be used. `helpers`: its format's name,
 * then its companions' (the first is the one named in the fixes).
 */
export function templateProblems(program: unknown, helpers: string | readonly string[]): string[] {
  const names = typeof helpers === 'string' ? [helpers] : helpers;
  const helper = names[0]!;
  const problems: string[] = [];
  const at = (node: Node) => {
    const loc = node['loc'] as { start?: { line?: number } } | undefined;
    return loc?.start?.line === undefined ? '' : `line ${loc.start.line}: `;
  };
  const visit = (node: Node | undefined): void => {
    if (!node || typeof node !== 'object') return;
    switch (node.type) {
      case 'Program':
        for (const child of (node['body'] as Node[]) ?? []) visit(child);
        return;
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const name = pathName(node['path']);
        const params = (node['params'] as Node[]) ?? [];
        if (node['escaped'] === false) problems.push(`${at(node)}{{{...}}} writes a value unquoted; use {{${helper} value}}`);
        else if (params.length === 0) problems.push(`${at(node)}{{${name ?? '...'}}} writes a value unquoted; use {{${helper} ${name ?? 'value'}}}`);
        else if (name === undefined || !names.includes(name)) problems.push(`${at(node)}{{${name ?? '...'} ...}} is not this file's format; use {{${names.join(' value}} or {{')} value}}`);
        else if (params.length !== 1 || params[0]!.type !== 'PathExpression') problems.push(`${at(node)}{{${name}}} takes exactly one value from the context`);
        return;
      }
      case 'BlockStatement': {
        const name = pathName(node['path']);
        const params = (node['params'] as Node[]) ?? [];
        if (name === undefined || !BLOCKS.has(name)) problems.push(`${at(node)}{{#${name ?? '...'}}} is not a block templates may use (${[...BLOCKS].join(', ')})`);
        else if (params.length !== 1 || params[0]!.type !== 'PathExpression') problems.push(`${at(node)}{{#${name}}} takes exactly one value from the context`);
        visit(node['program'] as Node | undefined);
        visit(node['inverse'] as Node | undefined);
        return;
      }
      default:
        problems.push(`${at(node)}${node.type} is not allowed in templates`);
    }
  };
  visit(program as Node);
  return problems;
}
