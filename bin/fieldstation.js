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
 * Loads dist/commands.cjs with the V8 code cache that the build made after a sample run, so the
 * functions a command needs are not parsed and compiled again on every start. V8 checks the cache
 * against the source and its own version and flags; a cache that does not fit is ignored.
 */
function loadCommands() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const file = path.join(root, 'dist', 'commands.cjs');
  const cacheFile = path.join(root, 'dist', 'commands.v8cache');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  // The build sets this to write the cache once the sample run has compiled what it needed.
  if (process.env.FIELDSTATION_WRITE_CODE_CACHE === '1') {
    process.once('beforeExit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
  return mod.exports;
}

cli.main(process.argv.slice(2), root, loadCommands).then((code) => {
  process.exitCode = code;
});
