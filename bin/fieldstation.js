#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): node starts it without the ES module loader, which keeps
// `fieldstation --help` close to node's own start-up. The program is built into dist/ by `npm ci`.
const fs = require('node:fs');
const path = require('node:path');

// Colour is decided before any UI code loads: colour libraries read FORCE_COLOR once and ignore NO_COLOR.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

const root = path.join(__dirname, '..');
let cli;
try {
  cli = require('../dist/fieldstation.cjs');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('fieldstation.cjs')) {
    process.stderr.write('fieldstation: the program is not built yet. Run `npm ci` (or `npm run build`) in its folder first.\n');
    process.exit(1);
  }
  throw error;
}

/**
 * Loads dist/<name>.cjs with the V8 code cache that the build made after a sample run, so the functions
 * it needs are not parsed and compiled again on every start. V8 checks the cache against the source and
 * its own version and flags; a cache that does not fit is ignored. (Node 20 has no code cache for ES
 * modules, which is why the Ink wizard is a CommonJS bundle too: see scripts/build.mjs.)
 */
const loaded = new Map();
/** Node's CommonJS wrapper, as scripts/build.mjs writes it around the commands' bundles. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
/**
 * The modules a server's bundle (dist/stack-<id>.cjs) imports from outside its folder, by path: the running
 * command bundle's own (its `__shared`), so there is one copy of each (classes, registries).
 */
let shared = {};
const sharedMade = new Map();
const SHARED = 'fieldstation-shared:';
/** What a bundle requires: node's built-in modules, the other bundles beside it (./effects.cjs), a server's bundle with its code cache, and the command's shared modules. */
function bundleRequire(id) {
  if (id.startsWith(SHARED)) {
    // Each module is made once: every file of a server imports some of them, and each call would copy
    // the module's exports into a new object.
    const key = id.slice(SHARED.length);
    if (sharedMade.has(key)) return sharedMade.get(key);
    const get = shared[key];
    if (!get) throw new Error(`${id} is not among the modules the command bundle shares (rebuild: npm run build)`);
    const made = get();
    sharedMade.set(key, made);
    return made;
  }
  if (/^\.\/stack-[a-z0-9-]+\.cjs$/.test(id)) return loadBundle(id.slice(2, -4));
  return require(id.startsWith('./') ? path.join(root, 'dist', id) : id);
}
function loadBundle(name) {
  if (loaded.has(name)) return loaded.get(name);
  const vm = require('node:vm');
  const file = path.join(root, 'dist', `${name}.cjs`);
  // A command's cache made from the server it works on, where there is one: a cache holds every function a
  // sample compiled, and one with every server's paths took e-mission's plan 3 ms longer to read (measured).
  // (The build's sample runs name their server in FIELDSTATION_CODE_CACHE_SERVER instead: no --answers there.)
  const writing = process.env.FIELDSTATION_WRITE_CODE_CACHE !== undefined;
  const server = name.startsWith('cmd-') ? (writing ? process.env.FIELDSTATION_CODE_CACHE_SERVER : serverOf(process.argv)) : undefined;
  const own = server === undefined ? undefined : path.join(root, 'dist', `${name}.${server}.v8cache`);
  const cacheFile = own !== undefined && (writing || fs.existsSync(own)) ? own : path.join(root, 'dist', `${name}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // No importModuleDynamically: the build turns every import() in the bundles into require(). The wrapper
  // is node's own CommonJS one; node:module itself is not loaded (it brings the ES module loader). The
  // commands' bundles are written wrapped by the build, so V8 gets the file's text as it is (wrapping here
  // makes V8 copy the whole text once more); dist/ui.cjs is a plain CommonJS file, wrapped here. The build
  // makes every bundle ASCII, so reading it as Latin-1 gives the same text, without decoding UTF-8.
  const text = fs.readFileSync(file, 'latin1');
  const source = text.startsWith(WRAPPER_HEAD) ? text : `${WRAPPER_HEAD}${text}\n});`;
  const script = new vm.Script(source, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, bundleRequire, mod, file, path.dirname(file));
  // The build sets this to save the cache after a sample run has compiled what it needed, when that run
  // exits cleanly: `plan` ends by itself; the wizard waits for a person, so the build sends SIGUSR2 once
  // its first frame is on the screen.
  if ((process.env.FIELDSTATION_WRITE_CODE_CACHE ?? '').split(',').includes(name)) {
    process.once('exit', (code) => code === 0 && fs.writeFileSync(cacheFile, script.createCachedData()));
    if (process.listenerCount('SIGUSR2') === 0) process.once('SIGUSR2', () => process.exit(0));
  }
  if (mod.exports.__shared) {
    shared = mod.exports.__shared;
    sharedMade.clear();
  }
  loaded.set(name, mod.exports);
  return mod.exports;
}

/**
 * The server an answers file names (`stack: emission`), read with a regular expression before anything
 * loads, to pick the code cache made from that server; undefined when there is no --answers or no such line.
 * A wrong guess costs only speed: V8 checks a cache against the code it belongs to.
 */
function serverOf(argv) {
  const at = argv.findIndex((a) => a === '--answers' || a.startsWith('--answers='));
  if (at === -1) return undefined;
  const file = argv[at].startsWith('--answers=') ? argv[at].slice('--answers='.length) : argv[at + 1];
  try {
    const m = /^stack:[ \t]*([a-z0-9-]+)[ \t]*(?:#.*)?$/m.exec(fs.readFileSync(file, 'utf8'));
    return m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}

/** A command from its own bundle, dist/cmd-<name>.cjs (validate, plan and setup with a code cache): `plan` reads only plan's code. */
const loadCommand = (name) => loadBundle(`cmd-${name}`);

/** node:tty loads net and the stream machinery: only when a command asks whether a person is there. */
const isatty = (fd) => require('node:tty').isatty(fd);

/** Ink, React and the wizard's screens, only for the interactive wizard; ready once yoga's WebAssembly is. */
async function loadUi() {
  const ui = loadBundle('ui');
  await ui.ready;
  return ui;
}

const run = (argv) => cli.main(argv, root, loadCommand, loadUi, isatty);

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    // Every command has finished its work, and its output has left the process, when main resolves: exit
    // now rather than after the idle-time work node would still do (a garbage collection, closing handles).
    process.exit(code);
  });
} else {
  // Required by scripts/code-cache-sample.cjs (the build), which runs several commands in one process.
  module.exports = { run };
}
