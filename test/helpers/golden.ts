import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { installFolderFor, type Stack } from '../../src/core/stack.js';
import type { Answers } from '../../src/core/questions/types.js';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './cli.js';

/** Set to refresh golden files on purpose; the refresh then shows up in `git diff` for review. */
export const UPDATE = process.env['FIELDSTATION_UPDATE_SNAPSHOTS'] === '1';

/** Compares text with snapshots/<name> byte for byte (or rewrites it when refreshing). */
export function expectGolden(name: string, actual: string): void {
  const path = join(ROOT, 'snapshots', name);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file snapshots/${name}: run FIELDSTATION_UPDATE_SNAPSHOTS=1 npm test and review the diff`);
  expect(actual, `snapshots/${name} differs (refresh with FIELDSTATION_UPDATE_SNAPSHOTS=1 if the change is intended)`).toBe(readFileSync(path, 'utf8'));
}

/** A case's name under snapshots/<id>/: `example` for <id>.yaml, `example-<mode>` for <id>-<mode>.yaml, else the file's stem. */
export function caseName(id: string, path: string): string {
  const stem = basename(path, '.yaml');
  if (stem === id) return 'example';
  return stem.startsWith(`${id}-`) ? `example-${stem.slice(id.length + 1)}` : stem;
}

/**
 * Puts stand-ins for the files a server's install folder must hold (an upstream checkout's Compose files)
 * into `dir`, so its golden plan shows a folder it can install into. What is in them is never read.
 */
export async function fillInstallFolder(stack: Stack, dir: string, answers: Answers): Promise<void> {
  for (const name of installFolderFor(stack, answers)?.contains ?? []) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), `# stand-in for upstream's ${name}\n`);
  }
}

/** An example's plain answers as dotted keys (`disk.device`), enough to pick what its install folder must hold. */
export function exampleAnswers(path: string): Answers {
  const out: Record<string, string | number | boolean> = {};
  const walk = (value: unknown, prefix: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[prefix] = value;
  };
  walk(parseYaml(readFileSync(path, 'utf8')), '');
  return out;
}
