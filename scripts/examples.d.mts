/** Types of scripts/examples.mjs, for the tests that use the same examples. */
export interface Example {
  readonly name: string;
  readonly path: string;
  readonly env: Record<string, string>;
  /** The server its `stack:` line names. */
  readonly stack: string | undefined;
}
export function examples(root: string): Example[];
export function exampleEnv(root: string): Record<string, string>;
export function standInEnv(path: string): Record<string, string>;
export const EXAMPLE_HOST_FILES: Readonly<Record<string, string>>;
export function exampleHostRoot(root: string): string;
export function placeExampleHostFiles(root: string, host: string): void;
