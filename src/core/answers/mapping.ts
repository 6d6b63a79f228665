/** A YAML or JSON mapping, as parsed: an object that is not a list (or null). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
