// Plans a stack's example in-process and writes what it renders under a test folder: every stack's
// integration tests read the files as the real consumers would.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadAnswers } from '../../src/app/answers.js';
import { planInstall } from '../../src/app/plan.js';
import { nest } from '../../src/core/answers/nesting.js';
import type { StackInput } from '../../src/core/stack.js';
import type { Step } from '../../src/core/steps/step.js';
import { hostFiles } from '../../src/io/host-files.js';
import { STACKS } from '../../src/stacks/index.js';
import { standInEnv } from '../../scripts/examples.mjs';
import { ROOT } from './cli.js';
import { fillInstallFolder } from './golden.js';
import { seededRandom } from './seeded-random.js';

export interface Rendered {
  /** The test's stand-in for `/`: every file the plan writes is at root + its absolute path. */
  readonly root: string;
  /** The install folder under root: where `docker compose` would run. */
  readonly installFolder: string;
  readonly input: StackInput;
  /** The plan as `fieldstation plan` prints it (describePlan). */
  readonly view: Awaited<ReturnType<typeof planInstall>>['view'];
  /** The stack's own steps() for these answers, as apply would run them. */
  readonly steps: readonly Step[];
  /** Every rendered file by the path the stack names it (relative to dir, or absolute). */
  readonly files: ReadonlyMap<string, string>;
  /** Where a file the stack names is in the test's folder. */
  real(path: string): string;
  /** A rendered file's text; a missing one fails the test with the list of what was rendered. */
  text(path: string): string;
  json(path: string): unknown;
}

/**
 * Plans an example with `overrides` (dotted answer ids; undefined removes one) in-process, as
 * test/unit/stacks/golden.test.ts does (loadAnswers, planInstall, hostFiles of a root of the test's own,
 * seeded secrets), then writes every rendered file under `work`/host: nothing outside `work` is read or written.
 */
export async function renderStack(stack: string, dir: string, example: string, overrides: Readonly<Record<string, unknown>>, work: string, place: (overrides: Readonly<Record<string, unknown>>, real: (path: string) => string) => void = () => undefined, env: Readonly<Record<string, string>> = {}): Promise<Rendered> {
  const root = join(work, 'host');
  const data = parseYaml(readFileSync(example, 'utf8')) as Record<string, unknown>;
  for (const [id, value] of Object.entries(overrides)) if (value === undefined) removeIn(data, id.split('.'));
  nest(overrides, data);
  const files = hostFiles(root);
  place(overrides, files.real);
  const deps = {
    stacks: STACKS,
    templatesRoot: join(ROOT, 'templates'),
    env: { ...(standInEnv(example) as Record<string, string>), ...env },
    files,
    // The example by name, not path: a checkout elsewhere must draw the same values (golden files).
    random: seededRandom(`${stack}-integration:${basename(example)}:${JSON.stringify(overrides)}`),
    now: () => new Date(),
  };
  const answers = await loadAnswers(deps, { kind: 'data', stack, data, baseDir: work });
  await fillInstallFolder(answers.loaded.stack, files.real(dir), answers.checked.answers);
  const planned = await planInstall(deps, answers, dir);
  const rendered = new Map<string, string>();
  for (const f of planned.plan.files) {
    const target = files.real(resolve(dir, f.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content, { mode: f.mode });
    rendered.set(f.path, f.content);
  }
  const real = (path: string): string => files.real(resolve(dir, path));
  const text = (path: string): string => {
    const content = rendered.get(path);
    if (content === undefined) throw new Error(`${path} was not rendered; the plan has: ${[...rendered.keys()].join(', ')}`);
    return content;
  };
  return {
    root,
    installFolder: files.real(dir),
    input: planned.input,
    view: planned.view,
    steps: answers.loaded.stack.steps(planned.input),
    files: rendered,
    real,
    text,
    json: (path) => JSON.parse(text(path)) as unknown,
  };
}

function removeIn(data: Record<string, unknown>, path: readonly string[]): void {
  let node: unknown = data;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[path[path.length - 1]!];
}

/**
 * A folder for a whole describe block (tempDir's are removed after each test): call it in the block's
 * body; it is removed after the block's last test.
 */
export function suiteDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
