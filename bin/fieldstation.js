#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): node starts it without the ES module loader, which keeps
// `fieldstation --help` close to node's own start-up. The program is built into dist/ by `npm ci`.
const { join } = require('node:path');

// Colour is decided before any UI code loads: colour libraries read FORCE_COLOR once and ignore NO_COLOR.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

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
cli.main(process.argv.slice(2), join(__dirname, '..')).then((code) => {
  process.exitCode = code;
});
