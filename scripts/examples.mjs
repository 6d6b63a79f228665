// The example answers files (examples/*.yaml), for the build's code-cache sample and the benchmark: each
// with an environment in which its {env: NAME} secrets are set to stand-in values, so that `plan` runs on
// every registered server's examples without anyone's real keys.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Every example, with the stand-in environment its secrets need. */
export function examples(root) {
  const dir = join(root, 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const stack = /^stack:[ \t]*([a-z0-9-]+)/m.exec(readFileSync(path, 'utf8'))?.[1];
      return { name: f.replace(/\.yaml$/, ''), path, env: standInEnv(path), stack };
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

/**
 * Files of this machine that examples point at, each with the stand-in the benchmark and the build's
 * code-cache sample put there (through a host root of their own: FIELDSTATION_TEST_HOST_ROOT): Ichnaea's
 * GeoIP database, which validation reads. test/unit/stacks/ichnaea/geoip-fixture.test.ts makes it.
 */
export const EXAMPLE_HOST_FILES = { '/opt/geoip/GeoLite2-City.mmdb': 'test/fixtures/geoip/GeoLite2-City-test.mmdb' };

/** Puts every file of EXAMPLE_HOST_FILES under `host`, a folder standing in for `/`. */
export function placeExampleHostFiles(root, host) {
  for (const [path, fixture] of Object.entries(EXAMPLE_HOST_FILES)) {
    mkdirSync(dirname(join(host, path)), { recursive: true });
    copyFileSync(join(root, fixture), join(host, path));
  }
}

/** A new folder standing in for `/` with every file of EXAMPLE_HOST_FILES in place; the caller removes it. */
export function exampleHostRoot(root) {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-examples-host-'));
  placeExampleHostFiles(root, dir);
  return dir;
}
