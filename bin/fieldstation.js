#!/usr/bin/env node
// The bundle is built by `npm ci` (prepare) or `npm run build`. Colour is decided here, before any UI code
// loads: chalk-style libraries read FORCE_COLOR once at import and ignore NO_COLOR.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
try {
  await import('../dist/fieldstation.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/fieldstation.js')) {
    process.stderr.write('fieldstation: the program is not built yet. Run `npm ci` (or `npm run build`) in its folder first.\n');
    process.exit(1);
  }
  throw error;
}
