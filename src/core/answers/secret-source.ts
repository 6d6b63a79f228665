import type { Problem } from '../errors.js';
import { describe } from '../questions/kind.js';
import { isPlainObject } from './mapping.js';

/**
 * Where a secret answer comes from. In the answers file a string is always a literal value and a mapping is
 * always a reference, so a literal can never be mistaken for a reference or the other way round.
 */
export type SecretSource =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'keychain'; readonly service: string; readonly account: string }
  | { readonly kind: 'generate' };

export const SECRET_FORMS = '{generate: true}, {env: VARIABLE}, {file: /path/to/file}, {keychain: service/account}, or a literal string';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses one secret answer. Problems are returned, not thrown, so that all of them can be listed at once. */
export function parseSecretSource(raw: unknown, path: string, line: number | undefined, canGenerate: boolean): { source?: SecretSource; problems: Problem[] } {
  const problem = (message: string, fix: string): { problems: Problem[] } => ({ problems: [{ path, line, severity: 'error', message, fix }] });
  if (typeof raw === 'string') {
    return {
      source: { kind: 'literal', value: raw },
      problems: [{
        path, line, severity: 'warning', code: 'literal-secret',
        message: 'is a literal secret: anyone who can read the answers file can read it',
        fix: canGenerate ? 'Prefer {generate: true}, {env: VARIABLE} or {file: /path}.' : 'Prefer {env: VARIABLE} or {file: /path}.',
      }],
    };
  }
  if (!isPlainObject(raw)) return problem(`must be text or a reference, not ${describe(raw)}`, `Use one of: ${SECRET_FORMS}.`);
  const keys = Object.keys(raw);
  if (keys.length !== 1) return problem(`must be a mapping with exactly one of env, file, keychain, generate (it has ${keys.length ? keys.join(', ') : 'none'})`, `Use one of: ${SECRET_FORMS}.`);
  const key = keys[0]!;
  const value = raw[key];
  switch (key) {
    case 'generate':
      if (value !== true) return problem('has "generate" set to something other than true', 'Write {generate: true}, or leave the key out.');
      if (!canGenerate) return problem('cannot be generated: it must match a value that exists elsewhere (e.g. issued by your provider)', 'Give it with {env: VARIABLE} or {file: /path}.');
      return { source: { kind: 'generate' }, problems: [] };
    case 'env':
      if (typeof value !== 'string' || !ENV_NAME.test(value)) return problem(`has env ${describe(value)}, which is not an environment variable name`, 'Write {env: NAME} with NAME made of letters, digits and underscores.');
      return { source: { kind: 'env', name: value }, problems: [] };
    case 'file':
      if (typeof value !== 'string' || value.trim() === '' || /[\0\r\n]/.test(value)) return problem(`has file ${describe(value)}, which is not a path`, 'Write {file: /path/to/file}; a relative path is read from the answers file\'s folder.');
      return { source: { kind: 'file', path: value }, problems: [] };
    case 'keychain': {
      const text = typeof value === 'string' ? value : '';
      const slash = text.indexOf('/');
      if (slash < 1 || slash === text.length - 1) return problem(`has keychain ${describe(value)}, which is not "service/account"`, 'Write {keychain: service/account}, e.g. {keychain: fieldstation/stickypi-admin}.');
      return { source: { kind: 'keychain', service: text.slice(0, slash), account: text.slice(slash + 1) }, problems: [] };
    }
    default:
      return problem(`has an unknown reference "${key}"`, `Use one of: ${SECRET_FORMS}.`);
  }
}

/**
 * How a source is recorded in state: never the value itself. A file is recorded by its absolute path
 * (`absolute` resolves it against the answers file's folder), since state has no folder to resolve against.
 */
export function sourceForRecord(source: SecretSource, absolute: (path: string) => string): Record<string, unknown> | string {
  switch (source.kind) {
    case 'literal':
      return '(literal, not recorded)';
    case 'env':
      return { env: source.name };
    case 'file':
      return { file: absolute(source.path) };
    case 'keychain':
      return { keychain: `${source.service}/${source.account}` };
    case 'generate':
      return { generate: true };
  }
}
