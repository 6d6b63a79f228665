import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';
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
