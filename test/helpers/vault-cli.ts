import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FIXTURES, ROOT } from './cli.js';

/**
 * The CLI's code with Beacon with a vault as its only server (test/fixtures/stacks/beacon/vault-cli.ts),
 * bundled into `dir` as the build bundles bin's commands, for real-terminal tests: the built CLI knows
 * only the real servers. Run it as `node <the returned file> <command> [options]` with FIELDSTATION_ROOT
 * set to the package folder (templates, package.json).
 */
export async function bundleVaultCli(dir: string): Promise<string> {
  const entry = join(FIXTURES, 'stacks', 'beacon', 'vault-cli.ts');
  const outfile = join(dir, 'vault-cli.cjs');
  // CommonJS has no import.meta: Beacon finds its templates beside its own module.
  // The sources compile templates with Handlebars loaded by a computed name, which no bundle holds: it
  // is found in the package's node_modules, linked into the test's folder.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(FIXTURES, 'stacks', 'beacon', 'index.ts')).href) } });
  return outfile;
}
