const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
/**
 * Marks a Secret: a registered symbol, the same in every bundle of one process, so that a secret made by one
 * bundle (a command) is still known as one in another (the executors'), where instanceof would not be.
 */
const SECRET_MARK = Symbol.for('fieldstation.secret');

/**
 * A secret value that never prints itself: string conversion, JSON and util.inspect all give a mask.
 * `reveal()` is the one explicit way out, used only where the value must be written (a rendered file,
 * a child's env or stdin).
 */
export class Secret {
  readonly id: string;
  readonly [SECRET_MARK] = true;
  readonly #value: string;
  constructor(id: string, value: string) {
    this.id = id;
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return maskFor(this.id);
  }
  toJSON(): string {
    return maskFor(this.id);
  }
  [inspectSymbol](): string {
    return maskFor(this.id);
  }
}

export const maskFor = (id: string): string => `[masked:${id}]`;

export const isSecret = (value: unknown): value is Secret =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_MARK] === true;
