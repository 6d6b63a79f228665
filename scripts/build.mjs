// Builds the command-line program as two minified CommonJS files:
//   dist/fieldstation.cjs  help, version and dispatch: all that `fieldstation --help` loads;
//   dist/commands.cjs      the commands and everything they use, required only when one runs.
// Why: node starts CommonJS without its ES module loader, and a single file needs no module linking;
// together these are most of a CLI's start-up time here (see ecosystem.md §5 and `npm run bench`).
// (The Ink wizard, which needs ESM for its top-level await, will be a separate ESM bundle.)
// Run by `npm ci` through "prepare", and by `npm test` and `npm run bench` before they start.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(join(root, 'dist'), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.FIELDSTATION_BUILD_DEBUG !== "1",
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Native addons cannot be bundled; they are loaded lazily and are optional.
  external: ['@napi-rs/keyring'],
  // yaml's "node" export is its CommonJS build, which esbuild cannot tree-shake; its ESM build is the same code.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  // import() becomes require(): loading a CommonJS file through import() would start the ESM loader.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/fieldstation.cjs', plugins: [commandsApart()] }),
  build({ ...common, entryPoints: ['src/cli/run-command.ts'], outfile: 'dist/commands.cjs', plugins: [precompiledTemplates()] }),
]);
writeCodeCache();

/**
 * Runs `plan` on the Sticky Pi example once with FIELDSTATION_WRITE_CODE_CACHE=1, so bin saves V8's code
 * cache for dist/commands.cjs with everything that run compiled. It is made with the node that builds
 * (npm ci on the user's machine); a later node ignores it. Failing to make it only costs speed.
 */
function writeCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-build-'));
  try {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'fieldstation.js'), 'plan', '--answers', join(root, 'examples', 'stickypi.yaml'), '--dir', join(dir, 'server')], {
      env: { ...process.env, FIELDSTATION_WRITE_CODE_CACHE: '1', STICKY_S3_ACCESS_KEY: 'AKIABUILDSAMPLE000', STICKY_S3_PRIVATE_KEY: 'buildSampleSecretKey0000' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) process.stderr.write(`build: no code cache (the sample plan failed: ${r.stderr.trim().split('\n').pop()})\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the small bundle, src/cli/run-command.ts is dist/commands.cjs, required at run time. */
function commandsApart() {
  return {
    name: 'commands-apart',
    setup(b) {
      b.onResolve({ filter: /[\\/]run-command\.js$/ }, () => ({ path: './commands.cjs', external: true }));
    },
  };
}

/**
 * Replaces src/io/precompiled-templates.ts with every templates/<stack>/*.hbs compiled by Handlebars with
 * the engine's own options, so the bundle needs only the small Handlebars runtime, not its compiler.
 */
function precompiledTemplates() {
  const options = JSON.parse(readFileSync(join(root, 'src/core/render/compile-options.json'), 'utf8'));
  return {
    name: 'precompiled-templates',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]io[\\/]precompiled-templates\.ts$/ }, () => {
        const entries = [];
        for (const stack of readdirSync(join(root, 'templates'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
          for (const file of readdirSync(join(root, 'templates', stack.name)).filter((f) => f.endsWith('.hbs')).sort()) {
            const source = readFileSync(join(root, 'templates', stack.name, file), 'utf8');
            entries.push(`${JSON.stringify(`${stack.name}/${file}`)}: ${Handlebars.precompile(source, options)}`);
          }
        }
        return { contents: `export const precompiled = {\n${entries.join(',\n')}\n};\n`, loader: 'js' };
      });
    },
  };
}
