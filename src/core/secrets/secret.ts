const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A secret value that never prints itself: string conversion, JSON and util.inspect all give a mask.
 * `reveal()` is the one explicit way out, used only where the value must be written (a rendered file,
 * a child's env or stdin).
 */
export class Secret {
  readonly id: string;
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

export const isSecret = (value: unknown): value is Secret => value instanceof Secret;
