import type { Problem } from './errors.js';
import type { Format } from './formats/format.js';
import type { Answers, Question } from './questions/types.js';
import type { Secret } from './secrets/secret.js';
import type { Step } from './steps/step.js';

/** One file a stack writes. */
export interface FileSpec {
  /** Relative to the install folder, or absolute (worked out from the answers) for files elsewhere. */
  readonly path: string | ((answers: Answers) => string);
  /** Template file name inside templates/<stack>/. */
  readonly template: string;
  /** The file's format: its template's one helper (`{{env value}}`) and how its values are read back. */
  readonly format: Format;
  /** Holds secrets: written 0600, masked in every diff. */
  readonly secret: boolean;
  readonly description: string;
}

/** Where a file goes for these answers: relative to the install folder, or absolute. */
export const filePath = (spec: FileSpec, answers: Answers): string => (typeof spec.path === 'function' ? spec.path(answers) : spec.path);

/** Everything a stack needs to render its files and list its steps. */
export interface StackInput {
  readonly answers: Answers;
  readonly secrets: Readonly<Record<string, Secret>>;
  /** The install folder, absolute. */
  readonly dir: string;
}

/** What the machine needs before the bootstrap steps can succeed; `doctor` checks each. */
export interface Requirements {
  /** TCP ports that must be free on all interfaces (the server will listen on them). */
  readonly ports: readonly number[];
  /** Names that must resolve to this machine (certificates are requested for them). */
  readonly hostnames: readonly string[];
  /** Free space needed on the file system holding each path (the nearest existing folder is checked). */
  readonly disk: readonly { readonly path: string; readonly bytes: number; readonly why: string }[];
  /** Memory the server needs to run well. */
  readonly memoryBytes: number;
  /** Needs a reachable Docker engine and Docker Compose v2. */
  readonly docker: boolean;
}

/**
 * A server fieldstation sets up: one self-contained module under src/stacks/<id>/ with its templates
 * under templates/<id>/. Adding one touches only the registry in src/stacks/index.ts.
 */
export interface Stack {
  readonly id: string;
  readonly title: string;
  /** What it is and where it comes from (the upstream repository and layout). */
  readonly summary: string;
  readonly questions: readonly Question[];
  readonly files: readonly FileSpec[];
  /** The only thing templates see. Plain values are quoted by the templates' format helpers. */
  context(input: StackInput): Record<string, unknown>;
  steps(input: StackInput): readonly Step[];
  /** Checks across answers (warnings, mostly), after each answer passed on its own. */
  crossCheck?(answers: Answers): readonly Problem[];
  /** What `doctor` checks on this machine before the steps run. */
  requirements(input: StackInput): Requirements;
  /** Facts worth showing before applying: estimates, DNS records, caveats. */
  notes?(input: StackInput): readonly string[];
}
