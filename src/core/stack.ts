import type { CheckUse } from './checks/check.js';
import type { Problem } from './errors.js';
import type { Format } from './formats/format.js';
import type { Answers, Question } from './questions/types.js';
import type { Secret } from './secrets/secret.js';
import type { AnyStepKind } from './steps/kind.js';
import type { HostProgram } from './steps/programs.js';
import type { Step } from './steps/step.js';

/** One file a stack writes. */
export interface FileSpec {
  /** Relative to the install folder, or absolute (worked out from the answers) for files elsewhere. */
  readonly path: string | ((answers: Answers) => string);
  /** Template file name inside the stack's templates folder (templates/<stack>/). */
  readonly template: string;
  /** The file's format: its template's one helper (`{{env value}}`) and how its values are read back. */
  readonly format: Format;
  /** Holds secrets: written 0600, masked in every diff. */
  readonly secret: boolean;
  readonly description: string;
  /** Written only when this holds for the answers (a mode's own file); a file left from another mode stays. */
  readonly when?: (answers: Answers) => boolean;
}

/** The files these answers call for. */
export const filesFor = (files: readonly FileSpec[], answers: Answers): readonly FileSpec[] => files.filter((f) => f.when?.(answers) ?? true);

/** Where a file goes for these answers: relative to the install folder, or absolute. */
export const filePath = (spec: FileSpec, answers: Answers): string => (typeof spec.path === 'function' ? spec.path(answers) : spec.path);

/** What the plan tells a stack for picking its checks. */
export interface CheckFacts {
  readonly writePaths: readonly string[];
  readonly programs: readonly HostProgram[];
}

/** Everything a stack needs to render its files and list its steps and checks. */
export interface StackInput {
  readonly answers: Answers;
  /** The value of every secret for this run: given, kept from the files, or generated. */
  readonly secrets: Readonly<Record<string, Secret>>;
  /**
   * The values the files held before this run, by secret id, where there were any. A step that must make a
   * changed secret live (ALTER USER before a restart) compares them with `secrets`: see `changedSecrets`.
   */
  readonly previous: Readonly<Record<string, Secret>>;
  /** The install folder, absolute. */
  readonly dir: string;
}

/** The ids of the secrets whose value differs from the one the files held before this run. */
export const changedSecrets = (input: StackInput): string[] =>
  Object.keys(input.previous).filter((id) => input.secrets[id] !== undefined && input.secrets[id]!.reveal() !== input.previous[id]!.reveal());

/** What a stack is, told without loading it: for `--help`, the server picker and the examples. */
export interface StackAbout {
  readonly id: string;
  readonly title: string;
  /** One line for the server picker and --help: what it is for. */
  readonly tagline: string;
  /** What it is and where it comes from (the upstream repository and layout). */
  readonly summary: string;
  /** Example answers files, relative to the package folder (examples/<id>.yaml, one per major mode). */
  readonly examples: readonly string[];
  /** What the server's operations are called and do, for --help (their steps are in the stack: `Stack.operations`). */
  readonly operations?: readonly OperationAbout[];
}

/** An operation on an installed server (`fieldstation geoip-swap --file NEW.mmdb`), told without loading the stack. */
export interface OperationAbout {
  /** The command's name: lower case, words joined by `-`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Its options, as --help shows them after `fieldstation <name>`. */
  readonly usage: string;
  /** Its own options, one line each as --help lists them (`  --file NEW.mmdb  The new database`). */
  readonly options: readonly string[];
  /** What it does, step by step, and what it never does. */
  readonly help: string;
}

/**
 * Work on an installed server that is not an install: steps run with the same runner, log and masking as
 * the bootstrap, on the answers and secrets the last apply recorded. It writes none of the server's files.
 */
export interface Operation {
  /** Its options' names (each a string value, e.g. `file`) and whether each must be given. */
  readonly options: Readonly<Record<string, { readonly required: boolean; readonly help: string }>>;
  /** The secrets its steps use (an API key for a gate): only these must be at hand. */
  readonly needs?: readonly string[];
  /**
   * Problems with the options before anything runs (a new GeoIP file that is not a City database), each
   * naming the option as its path. `read` gives a file of this machine's bytes (its tail, when asked).
   */
  check?(input: StackInput, options: Readonly<Record<string, string>>, read: (path: string, tailBytes?: number) => Promise<Uint8Array | string>, now: Date): Promise<readonly Problem[]>;
  steps(input: StackInput, options: Readonly<Record<string, string>>): readonly Step[];
}

/**
 * A server fieldstation sets up: one self-contained module under src/stacks/<id>/ with its templates
 * under templates/<id>/. It brings everything it needs: its questions, its files with their formats, its
 * step kinds, its preflight checks; the shared ones come from src/kit. Nothing outside its folder knows it.
 */
export interface Stack extends StackAbout {
  readonly questions: readonly Question[];
  readonly files: readonly FileSpec[];
  /** The kinds of step its steps use (src/kit/steps, or its own): the runner's registry for this stack. */
  readonly stepKinds: readonly AnyStepKind[];
  /** The only thing templates see. Plain values are quoted by the templates' format helpers. */
  context(input: StackInput): Record<string, unknown>;
  steps(input: StackInput): readonly Step[];
  /**
   * The preflight checks to run before the steps, picked from src/kit/checks (or its own) and
   * parameterised. `writePaths`: the install folder and every folder the steps write. `programs`: what the
   * steps start on this machine; each must be covered by a picked check (`hostTools` from src/kit/checks
   * adds one for each the others leave out), or planning stops as on a bug.
   */
  checks(input: StackInput, facts: CheckFacts): readonly CheckUse[];
  /** Checks across answers (warnings, mostly), after each answer passed on its own. */
  crossCheck?(answers: Answers): readonly Problem[];
  /** Facts worth showing before applying: estimates, DNS records, caveats. */
  notes?(input: StackInput): readonly string[];
  /**
   * What the install folder must already hold, when the server runs from an upstream checkout; a function
   * when only some answers run from one (e-mission's native runtime).
   */
  readonly installFolder?: InstallFolder | ((answers: Answers) => InstallFolder | undefined);
  /**
   * Generated secrets the admin must hand on to people (participant codes): shown once, after the run that
   * generated them, on a terminal only. Each must be stored in one of the stack's files (`storedIn`).
   */
  readonly showOnce?: readonly { readonly id: string; readonly what: string }[];
  /** Files of this machine that answers point at (the admin's own certificate), checked at validation. */
  readonly hostFiles?: HostFileRules;
  /**
   * The answer that names the version to run (an image with its tag), for `fieldstation upgrade --to`:
   * the new answer for a tag the admin gives. Its steps do the upgrade in the order upstream asks.
   */
  readonly upgrade?: { readonly answer: string; readonly to: (current: string, tag: string) => string };
  /** Its operations on an installed server, by name (each also in `operations` of its about). */
  readonly operationSteps?: Readonly<Record<string, Operation>>;
}

/** A file of this machine an answer points at. */
export interface HostFileRef {
  /** The question whose answer gave the path: problems of the file are problems of that answer. */
  readonly id: string;
  /** Absolute. */
  readonly path: string;
  /**
   * Read only the file's last `tailBytes` bytes (all of it when it is smaller), for files whose facts sit at
   * their end: a MaxMind database of 60 MB keeps its metadata in its last 128 KiB. The file may then be of
   * any size; the 1 MiB limit applies to what is read. Still regular files only.
   */
  readonly tailBytes?: number;
  /** What to do when the file cannot be read (where to get it), instead of the general advice. */
  readonly fix?: string;
}

/**
 * Checks of files on this machine that answers point at, run with the answers' own checks (validate, plan,
 * apply and the wizard's install), so a bad certificate is refused before anything is written and with
 * every other problem. The app reads the files (regular files only, at most 1 MiB each, or the tail a
 * reference asks for) and reports those it cannot read, naming the answer; `check` judges what they hold.
 */
export interface HostFileRules {
  /**
   * The files these answers point at. Called even when other answers have problems, so all are reported at
   * once: an answer that failed its own check is absent from `answers`.
   */
  paths(answers: Answers): readonly HostFileRef[];
  /**
   * The problems of the files, each naming the question that gave the path (Problem.path). `files` holds
   * each listed path: its bytes (its last `tailBytes` when the reference asks for them), or undefined when it
   * could not be read (already reported: skip it).
   */
  /** May be async, so that the code that reads the files (node:crypto for certificates) loads only when there are some. */
  check(answers: Answers, files: ReadonlyMap<string, Uint8Array | undefined>, now: Date): readonly Problem[] | Promise<readonly Problem[]>;
}

/**
 * What the install folder must hold before fieldstation writes into it (the folder of an upstream checkout
 * whose Compose files the steps run), and how to get it. Plan and apply stop before writing anything when
 * it does not; doctor reports it as the install-folder check.
 */
export interface InstallFolder {
  /** What it is, after "is" or "must be": "upstream's server/ folder (sticky-pi/sticky-pi-api, develop branch)". */
  readonly what: string;
  /** Files it must hold, relative to it. */
  readonly contains: readonly string[];
  /** How to get it, with the commands. */
  readonly get: string;
}

/** What the install folder must hold for these answers, if anything. */
export const installFolderFor = (stack: Pick<Stack, 'installFolder'>, answers: Answers): InstallFolder | undefined =>
  typeof stack.installFolder === 'function' ? stack.installFolder(answers) : stack.installFolder;

/** Just what a stack is, without its functions: for events, outcomes and JSON. */
export const aboutOf = (s: StackAbout): StackAbout => ({ id: s.id, title: s.title, tagline: s.tagline, summary: s.summary, examples: s.examples, ...(s.operations ? { operations: s.operations } : {}) });
