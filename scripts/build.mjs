// Builds the command-line program as minified CommonJS files:
//   dist/fieldstation.cjs  help, version and dispatch: all that `fieldstation --help` loads;
//   dist/cmd-<name>.cjs    each command (src/cli/commands/<name>.ts) and everything it uses but the servers,
//                          required only when it runs: `plan` reads and compiles only plan's code;
//   dist/stack-<id>.cjs    each server (src/stacks/<id>/) with its compiled templates, required when a
//                          command loads it: a command reads only the server it works on. What a server
//                          imports from outside its folder (core, kit, io) is the command bundle's own
//                          module, handed over by bin (`__shared`): one copy of each, so classes and
//                          registries are the same on both sides;
//   dist/database.cjs      the executors with database clients (src/io/executors/database.ts: mysql2 and
//                          node-redis, 1.4 MB), required only when such a step runs;
//   dist/effects.cjs       the adapters that start processes and measure the machine (src/io/effects.ts:
//                          execa and the network stack), required only when a step runs or checks do;
//   dist/ui.cjs            Ink, React and the wizard's screens (src/ui/ink/index.tsx), required only by the
//                          interactive wizard (bin passes the loader down as ctx.loadUi).
// Why: node starts CommonJS without its ES module loader, and a single file needs no module linking;
// together these are most of a CLI's start-up time here (measured by `npm run bench`).
// The validate, plan and setup bundles and dist/ui.cjs get V8 code caches (dist/*.v8cache) from a sample run, which Node 20
// offers for scripts only, not for ES modules: that is why the wizard is CommonJS too, although Ink is ESM
// with top-level awaits (see inkAsCommonJs below). The wizard's first frame, measured side by side in a pty
// (without NODE_EXTRA_CA_CERTS / with it): a plain ESM bundle 132 / 163 ms, this 80 / 113 ms.
// Run by `npm ci` through "prepare", and by `npm test` and `npm run bench` before they start.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleEnv, exampleHostRoot, examples } from './examples.mjs';
import { timeFirstFrame } from './pty-time.mjs';

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
// The commands' bundles come wrapped in node's CommonJS wrapper, as bin/fieldstation.js's loadBundle
// compiles them: bin hands the file's text to V8 as it is, where wrapping it at run time made V8 copy the
// whole text into one string first (about 1 ms for cmd-plan, measured). dist/ui.cjs stays a plain
// CommonJS file (a test loads it with require); bin wraps it at run time.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';
const uiEntry = 'src/ui/ink/index.tsx';
if (!existsSync(join(root, uiEntry))) {
  process.stderr.write(`build: ${uiEntry} is missing: it is the Ink wizard's entry (exporting runInkWizard), bundled into dist/ui.cjs.\n`);
  process.exit(1);
}
const commands = readdirSync(join(root, 'src', 'cli', 'commands')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const stacks = readdirSync(join(root, 'src', 'stacks'), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, 'src', 'stacks', d.name, 'index.ts'))).map((d) => d.name);
const shared = sharedModules(stacks);
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/fieldstation.cjs' }),
  ...commands.map((name) => build({ ...common, entryPoints: [`fieldstation:cmd-${name}`], outfile: `dist/cmd-${name}.cjs`, banner: { js: WRAPPER_HEAD }, footer: { js: WRAPPER_TAIL }, plugins: [commandEntry(name, shared), stacksApart(), effectsApart()] })),
  ...stacks.map((id) => build({ ...common, entryPoints: [`fieldstation:stack-${id}`], outfile: `dist/stack-${id}.cjs`, banner: { js: WRAPPER_HEAD }, footer: { js: WRAPPER_TAIL }, plugins: [stackEntry(id), sharedFromCommand(id)] })),
  build({ ...common, entryPoints: ['src/io/executors/database.ts'], outfile: 'dist/database.cjs' }),
  build({ ...common, entryPoints: ['src/io/effects.ts'], outfile: 'dist/effects.cjs' }),
  // One file, no code splitting; React in its production build. The wasm stays inside (see below).
  build({ ...common, entryPoints: ['fieldstation:ui'], outfile: 'dist/ui.cjs', plugins: [inkAsCommonJs(uiEntry)] }),
]);
assertAscii();
await writeCodeCaches(stacks.map((id) => `stack-${id}`));

/**
 * Makes Ink (ESM, with top-level awaits) one CommonJS bundle, and its start cheaper:
 * - yoga-layout (Ink's layout engine, WebAssembly) awaits its instance at the top level. Here `yoga-layout`
 *   is a module that exports the same instance through a live binding, set when `ready` resolves; the
 *   entry exports `ready` and bin's loadUi awaits it before anything renders (Ink reads Yoga only when it
 *   lays out, never while its modules load).
 * - The wasm is handed to yoga as bytes (`wasmBinary`), decoded from base64 with Buffer. Left to itself,
 *   yoga's Emscripten loader sees a global fetch (Node 18+) and fetches its own data: URL, which loads
 *   Node's whole fetch implementation (undici) first: about 20 ms of the 28 ms yoga took here.
 * - Ink's reconciler awaits two imports at the top level, only when DEV=true (React DevTools, which are
 *   not shipped): those become plain expressions. The build fails if Ink's source no longer matches.
 * - react-devtools-core and Ink's devtools module (which pulls in the `ws` WebSocket library, 49 kB) are
 *   replaced by empty stand-ins (marking react-devtools-core external instead crashes the bundle at start:
 *   esbuild hoists the import).
 * - is-in-ci is `false`: src/cli decides once whether a person is at a terminal (CI unset, empty, 0 or
 *   false means no CI) and starts Ink only then. Ink's own check counts CI='' as CI and would then hold
 *   every frame back until the wizard ends: a blank screen.
 * - string-width (Ink's text measure) builds /^\p{RGI_Emoji}$/v when it loads: ICU assembles every emoji
 *   sequence, about 10 ms. Here it is built the first time a text could match it (a cluster with a
 *   non-ASCII emoji code point, which every RGI emoji sequence has): same answers, and a first screen
 *   without emoji never pays for it.
 */
function inkAsCommonJs(entry) {
  const yoga = join(root, 'node_modules', 'yoga-layout', 'dist');
  const glue = join(yoga, 'binaries', 'yoga-wasm-base64-esm.js');
  // The glue keeps its wasm as a base64 data: URL; taken out once, it goes in through esbuild's binary loader.
  const glueSource = readFileSync(glue, 'utf8');
  const embedded = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]{1000,})"/.exec(glueSource);
  if (!embedded) throw new Error(`yoga-layout changed: no embedded WebAssembly found in ${glue}`);
  const modules = {
    'fieldstation:ui': `export * from ${JSON.stringify(join(root, entry))};\nexport { ready } from 'yoga-layout';\n`,
    'yoga-layout': [
      "import loadYoga from 'fieldstation:yoga-glue';",
      "import wrapAssembly from 'fieldstation:yoga-wrap';",
      "import wasmBinary from 'fieldstation:yoga-wasm';",
      'let Yoga;',
      'export { Yoga as default };',
      'export const ready = loadYoga({ wasmBinary }).then((lib) => { Yoga = wrapAssembly(lib); });',
      "export * from 'fieldstation:yoga-enums';",
    ].join('\n'),
    'react-devtools-core': 'export default { initialize() {}, connectToDevTools() {} };',
    'is-in-ci': 'export default false;',
    'ink-devtools': '',
  };
  const files = {
    'fieldstation:yoga-glue': glue,
    'fieldstation:yoga-wrap': join(yoga, 'src', 'wrapAssembly.js'),
    'fieldstation:yoga-enums': join(yoga, 'src', 'generated', 'YGEnums.js'),
  };
  return {
    name: 'ink-as-commonjs',
    setup(b) {
      b.onResolve({ filter: /^(fieldstation:ui|yoga-layout|react-devtools-core|is-in-ci)$/ }, (a) => ({ path: a.path, namespace: 'ui' }));
      b.onResolve({ filter: /^\.\/devtools\.js$/ }, (a) => (/[\\/]ink[\\/]build$/.test(a.resolveDir) ? { path: 'ink-devtools', namespace: 'ui' } : undefined));
      b.onResolve({ filter: /^fieldstation:yoga-(glue|wrap|enums)$/ }, (a) => ({ path: files[a.path] }));
      b.onResolve({ filter: /^fieldstation:yoga-wasm$/ }, () => ({ path: 'yoga.wasm', namespace: 'wasm' }));
      b.onLoad({ filter: /.*/, namespace: 'ui' }, (a) => ({ contents: modules[a.path], loader: 'js', resolveDir: root }));
      b.onLoad({ filter: /[\\/]yoga-wasm-base64-esm\.js$/ }, () => ({ contents: glueSource.replace(embedded[1], () => ''), loader: 'js' }));
      b.onLoad({ filter: /.*/, namespace: 'wasm' }, () => ({ contents: Buffer.from(embedded[1], 'base64'), loader: 'binary' }));
      b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (a) => {
        // wrap-ansi's older copy: only its Segmenter is made lazy.
        if (/node_modules[\\/].*node_modules[\\/]string-width/.test(a.path)) return { contents: lazySegmenter(readFileSync(a.path, 'utf8'), a.path), loader: 'js' };
        const source = lazySegmenter(readFileSync(a.path, 'utf8'), a.path);
        const line = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
        if (!source.includes(line)) throw new Error(`string-width changed: ${a.path} no longer has: ${line}`);
        const lazy = [
          'const nonAscii = /[^\\0-\\x7F]/;',
          'const emojiCodePoint = /\\p{Emoji}/u;',
          'let rgiEmojiRegexBuilt;',
          'const rgiEmojiRegex = {',
          "  test: (s) => nonAscii.test(s) && emojiCodePoint.test(s) && (rgiEmojiRegexBuilt ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s),",
          '};',
        ].join('\n');
        return { contents: source.replace(line, () => lazy), loader: 'js' };
      });
      // The other modules that build an Intl.Segmenter when they load.
      b.onLoad({ filter: /[\\/]node_modules[\\/](slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/ }, (a) => ({ contents: lazySegmenter(readFileSync(a.path, 'utf8'), a.path), loader: 'js' }));
      b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (a) => {
        const source = readFileSync(a.path, 'utf8');
        const awaits = ["await import('./devtools.js');", '? await loadPackageJson()'];
        // (esbuild refuses any other top-level await in a CommonJS bundle, with the file and line.)
        if (!awaits.every((text) => source.includes(text))) throw new Error(`ink changed: ${a.path} no longer has the top-level awaits this build replaces`);
        const patched = source.replace(awaits[0], () => "import('./devtools.js');").replace(awaits[1], () => "? { name: 'ink', version: undefined }");
        return { contents: patched, loader: 'js' };
      });
    },
  };
}

/**
 * The first Intl.Segmenter of a process costs about 14 ms (ICU loads its break rules), and four modules of
 * the wizard build one when they load. Each gets a stand-in that segments a string in which every code point
 * is a grapheme cluster of its own (printable ASCII, ESC and BEL, Latin-1 and Latin Extended letters, general
 * punctuation, arrows, technical symbols, box drawing, dingbats: no combining mark, joiner, Hangul, regional
 * indicator, CR or other control) one code point at a time, which is what Unicode's grapheme rules give for
 * such text; any other text goes to a real Segmenter, built the first time one is needed. The build fails
 * if a module no longer builds one where expected.
 */
function lazySegmenter(source, path) {
  const re = /new Intl\.Segmenter\(([^()]*)\)/g;
  if (!re.test(source)) throw new Error(`${path} changed: it no longer builds an Intl.Segmenter when it loads`);
  const shim = [
    'const __simpleClusters = /^[\\x07\\x1B\\x20-\\x7E\\u00A0-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u23FF\\u2500-\\u27BF]*$/;',
    'let __realSegmenter;',
    'const __lazySegmenter = () => ({',
    '  segment(s) {',
    '    if (!__simpleClusters.test(s)) return (__realSegmenter ??= new Intl.Segmenter()).segment(s);',
    '    const at = (i) => (i >= 0 && i < s.length ? { segment: s[i], index: i, input: s } : undefined);',
    '    return { *[Symbol.iterator]() { for (let i = 0; i < s.length; i++) yield at(i); }, containing: at };',
    '  },',
    '});',
  ].join('\n');
  return `${shim}\n${source.replace(re, () => '__lazySegmenter()')}`;
}

/**
 * bin reads the bundles as Latin-1 (cheaper than decoding UTF-8), which gives the same text only for
 * ASCII: esbuild writes ASCII (its default charset escapes anything else), and this makes sure it did.
 */
function assertAscii() {
  for (const file of readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.cjs'))) {
    const bytes = readFileSync(join(root, 'dist', file));
    const at = bytes.findIndex((b) => b > 0x7f);
    if (at !== -1) throw new Error(`dist/${file} is not ASCII (byte ${at}): bin reads it as Latin-1; keep esbuild's charset ascii`);
  }
}

/**
 * Makes the V8 code caches of the validate, plan and setup bundles, of the servers' bundles and of
 * dist/ui.cjs, with the node that builds (npm ci on the user's machine; a later node ignores them):
 * scripts/code-cache-sample.cjs runs `plan` on every example (cmd-plan and the servers' caches), `validate`
 * on every example (cmd-validate), and `setup` in a fresh folder in a pseudo-terminal (scripts/pty-time.mjs;
 * once its first frame is on the screen, SIGUSR2 makes bin save cmd-setup's and the wizard's caches), each in
 * a process of its own. Without `script` (util-linux) or a working wizard, the wizard gets no cache.
 * Failing only costs speed.
 */
async function writeCodeCaches(stackBundles) {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-build-'));
  // The files examples point at (Ichnaea's GeoIP database), under a folder standing in for `/`.
  const host = exampleHostRoot(root);
  const env = { ...process.env, ...exampleEnv(root), FIELDSTATION_TEST_HOST_ROOT: host };
  const answers = examples(root).map((e) => e.path);
  const sample = join(root, 'scripts', 'code-cache-sample.cjs');
  const plain = (args, bundles, server) => {
    const r = spawnSync(process.execPath, [sample, ...args], {
      env: { ...env, FIELDSTATION_WRITE_CODE_CACHE: bundles.join(','), ...(server ? { FIELDSTATION_CODE_CACHE_SERVER: server } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) process.stderr.write(`build: no code cache for ${bundles.join(', ')} (${r.stderr.trim().split('\n').pop()})\n`);
  };
  try {
    // Every server's, for a command that names none (bin falls back to it), then each server's own:
    // cmd-plan.<id>.v8cache holds only what planning that server compiled, and is smaller to read.
    plain(['plan', join(dir, 'plan'), ...answers], ['cmd-plan']);
    plain(['validate', ...answers], ['cmd-validate']);
    for (const bundle of stackBundles) {
      const id = bundle.slice('stack-'.length);
      const own = examples(root).filter((e) => e.stack === id).map((e) => e.path);
      if (own.length === 0) continue;
      plain(['plan', join(dir, 'plan'), ...own], ['cmd-plan', bundle], id);
      plain(['validate', ...own], ['cmd-validate'], id);
    }
    try {
      const pty = { ...env, FIELDSTATION_WRITE_CODE_CACHE: 'cmd-setup,ui', TERM: 'xterm-256color' };
      for (const name of ['CI', 'NO_COLOR', 'FORCE_COLOR']) delete pty[name];
      mkdirSync(join(dir, 'setup'));
      await timeFirstFrame([process.execPath, sample, 'setup', join(dir, 'setup')], pty, { alive: 300, end: 'SIGUSR2' });
      const missing = ['cmd-setup', 'ui'].filter((name) => !existsSync(join(root, 'dist', `${name}.v8cache`)));
      if (missing.length > 0) throw new Error(`it wrote no ${missing.join(' or ')} cache`);
    } catch (error) {
      process.stderr.write(`build: no code cache for the wizard (${String(error.message).split('\n')[0]})\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  }
}

/**
 * In the commands' bundles, src/io/effects.ts is dist/effects.cjs and src/io/executors/database.ts is
 * dist/database.cjs, required at run time: both are imported with import() only where a step or a check
 * needs them, so their code (execa, the network stack, mysql2 and node-redis) is not even read by a command
 * that plans or asks questions (for the wizard, 5 MiB less peak memory at its first frame, measured). Each
 * file has its own copy of any module they share, so what crosses the line must not depend on identity
 * (instanceof, module state): plain data, pure functions, and secrets, known by a registered symbol.
 */
function effectsApart() {
  return {
    name: 'effects-apart',
    setup(b) {
      b.onResolve({ filter: /[\\/]executors[\\/]database\.js$/ }, () => ({ path: './database.cjs', external: true }));
      b.onResolve({ filter: /[\\/]io[\\/]effects\.js$/ }, () => ({ path: './effects.cjs', external: true }));
    },
  };
}

/**
 * A command's bundle: the command and the runner that reports its outcome (src/cli/run-with.ts), exported
 * as `run(ctx)` for bin. A command's module exports a function of its own name.
 */
function commandEntry(name, shared) {
  const contents = [
    `import { runWith } from ${JSON.stringify(join(root, 'src', 'cli', 'run-with.ts'))};`,
    `import { ${name} as command } from ${JSON.stringify(join(root, 'src', 'cli', 'commands', `${name}.ts`))};`,
    'export const run = (ctx) => runWith(command, ctx);',
    // The modules the servers' bundles import from outside their folders, by path: bin hands them over.
    // require(), not import: each is initialised only when a server's bundle asks for it.
    `export const __shared = { ${shared.map((path) => `${JSON.stringify(path)}: () => require(${JSON.stringify(join(root, path))})`).join(', ')} };`,
  ].join('\n');
  return {
    name: 'command-entry',
    setup(b) {
      b.onResolve({ filter: /^fieldstation:cmd-/ }, (a) => ({ path: a.path, namespace: 'command' }));
      b.onLoad({ filter: /.*/, namespace: 'command' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

/** A path inside the package, as the bundles name shared modules: `src/core/errors.ts`. */
function rel(abs) {
  return abs.slice(root.length).replace(/^\/+/, '');
}

/** What an import from src/ resolves to: the .ts (or .tsx) file that a `.js` specifier names. */
function sourceOf(resolveDir, specifier) {
  const base = join(resolveDir, specifier).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx', '.js']) if (existsSync(base + ext)) return base + ext;
  return existsSync(join(resolveDir, specifier)) ? join(resolveDir, specifier) : undefined;
}

/**
 * Every module of src/ that a server imports from outside its own folder (read from the import lines of
 * its files), and the templates' registry: each command bundle exports them all for the servers' bundles.
 */
function sharedModules(ids) {
  const out = new Set([rel(join(root, 'src', 'io', 'precompiled-templates.ts'))]);
  for (const id of ids) {
    const dir = join(root, 'src', 'stacks', id);
    for (const file of readdirSync(dir).filter((f) => /\.tsx?$/.test(f))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (!spec.startsWith('.')) continue;
        const abs = sourceOf(dir, spec);
        if (abs && !abs.startsWith(`${dir}/`)) out.add(rel(abs));
      }
    }
  }
  return [...out].sort();
}

/** In a command's bundle, each server is its own bundle beside it (src/stacks/index.ts imports them with import()). */
function stacksApart() {
  return {
    name: 'stacks-apart',
    setup(b) {
      b.onResolve({ filter: /^\.\/[a-z0-9-]+\/index\.js$/ }, (a) => {
        if (!/[\\/]src[\\/]stacks$/.test(a.resolveDir)) return undefined;
        return { path: `./stack-${a.path.split('/')[1]}.cjs`, external: true };
      });
    },
  };
}

/**
 * A server's bundle: the server, and its templates compiled by Handlebars with the engine's own options,
 * registered when the bundle loads (so the CLI never loads the Handlebars compiler).
 */
function stackEntry(id) {
  const options = JSON.parse(readFileSync(join(root, 'src/core/render/compile-options.json'), 'utf8'));
  const dir = join(root, 'templates', id);
  const specs = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.hbs')).sort().map((f) => `${JSON.stringify(f)}: ${leanTemplate(readFileSync(join(dir, f), 'utf8'), options)}`)
    : [];
  const contents = [
    `export * from ${JSON.stringify(join(root, 'src', 'stacks', id, 'index.ts'))};`,
    `import { registerPrecompiled } from ${JSON.stringify(join(root, 'src', 'io', 'precompiled-templates.ts'))};`,
    `registerPrecompiled(${JSON.stringify(id)}, {\n${specs.join(',\n')}\n});`,
  ].join('\n');
  return {
    name: 'stack-entry',
    setup(b) {
      b.onResolve({ filter: /^fieldstation:stack-/ }, (a) => ({ path: a.path, namespace: 'stack' }));
      b.onLoad({ filter: /.*/, namespace: 'stack' }, () => ({ contents, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * A template compiled for the bundle, smaller than Handlebars' default output and with the same text out:
 * its helpers are declared known (the template rules allow only its format's helpers, `{{env value}}`),
 * so each value is one call instead of a lookup with a fallback; and the source positions Handlebars puts
 * in every helper call's options (read by no helper of ours) are left out. A server's bundle and its code
 * cache are read at every start: e-mission's 26 templates were half of its bundle.
 */
function leanTemplate(source, options) {
  const helpers = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'MustacheStatement' && node.params?.length > 0 && node.path?.type === 'PathExpression') helpers.add(node.path.original);
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(Handlebars.parse(source));
  const compiled = Handlebars.precompile(source, { ...options, knownHelpers: Object.fromEntries([...helpers].map((h) => [h, true])), knownHelpersOnly: true });
  const lean = compiled.replace(/,"loc":\{"start":\{"line":\d+,"column":\d+\},"end":\{"line":\d+,"column":\d+\}\}/g, '');
  if (/"loc":\{"start"/.test(lean.replace(/container\.strict\([^)]*\)/g, ''))) throw new Error('Handlebars changed its output: a helper call\'s "loc" was not left out');
  return lean;
}

/** In a server's bundle, what it imports from outside its folder is the command bundle's module (see sharedModules). */
function sharedFromCommand(id) {
  const own = `${join(root, 'src', 'stacks', id)}/`;
  const src = `${join(root, 'src')}/`;
  return {
    name: 'shared-from-command',
    setup(b) {
      b.onResolve({ filter: /^[./]/ }, (a) => {
        const abs = a.path.startsWith('/') ? a.path : sourceOf(a.resolveDir, a.path);
        if (!abs || !abs.startsWith(src) || abs.startsWith(own)) return undefined;
        return { path: `fieldstation-shared:${rel(abs)}`, external: true };
      });
    },
  };
}

