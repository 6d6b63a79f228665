// The example answers files (examples/*.yaml), for the build's code-cache sample and the benchmark: each
// with an environment in which its {env: NAME} secrets are set to stand-in values, so that `plan` runs on
// every registered server's examples without anyone's real keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every example, with the stand-in environment its secrets need. */
export function examples(root) {
  const dir = join(root, 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { name: f.replace(/\.yaml$/, ''), path, env: standInEnv(path) };
    });
}

/** Stand-in values for the {env: NAME} secrets of an answers file: letters and digits, long enough for any key's rules, one per variable. */
export function standInEnv(path) {
  // Comments left out: an example shows optional keys commented out, whose variables it does not need.
  const text = readFileSync(path, 'utf8').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).join('\n');
  const names = [...text.matchAll(/\{\s*env:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)].map((m) => m[1]);
  return Object.fromEntries(names.map((name) => [name, `StandInFor${name.replace(/[^A-Za-z0-9]/g, '')}0000`]));
}

/** One environment with every example's stand-in secrets. */
export const exampleEnv = (root) => Object.assign({}, ...examples(root).map((e) => e.env));
