// One minified ESM bundle for the CLI: node starts it without resolving hundreds of files in node_modules,
// which is most of a CLI's start-up time (see ecosystem.md §5). Run by `npm ci` through "prepare".
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry content hashes: start clean so old chunks do not pile up.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { fieldstation: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies inside an ESM bundle need a real require for node built-ins.
  banner: { js: "import { createRequire as __fsCreateRequire } from 'node:module'; const require = __fsCreateRequire(import.meta.url);" },
  // Native addons cannot be bundled; they are loaded lazily and are optional.
  external: ['@napi-rs/keyring'],
  logLevel: 'warning',
});
