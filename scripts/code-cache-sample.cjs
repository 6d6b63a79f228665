'use strict';
// Build only (scripts/build.mjs): the sample run whose compiled code bin saves as V8 code caches
// (FIELDSTATION_WRITE_CODE_CACHE=cmd-validate,cmd-plan,cmd-setup,ui). One process runs what the caches should hold:
//   1. `validate` and `plan` on every example answers file (their output dropped);
//   2. `setup` in a fresh folder, up to its first frame: the build then sends SIGUSR2 and bin writes the
//      caches as the process exits.
// Usage: node scripts/code-cache-sample.cjs PLAN_DIR SETUP_DIR ANSWERS...
/* global require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, like bin
const { run } = require('../bin/fieldstation.js');

const [planDir, setupDir, ...answers] = process.argv.slice(2);

async function sample() {
  const writes = [process.stdout.write, process.stderr.write];
  let output = '';
  process.stdout.write = process.stderr.write = (chunk) => {
    output += chunk;
    return true;
  };
  let failed = 0;
  for (const file of answers) {
    failed ||= await run(['validate', '--answers', file]);
    failed ||= await run(['plan', '--answers', file, '--dir', planDir]);
  }
  [process.stdout.write, process.stderr.write] = writes;
  if (failed !== 0) {
    process.stderr.write(`the sample plan failed: ${output.trim().split('\n').pop()}\n`);
    return 1;
  }
  return run(['setup', '--dir', setupDir]);
}

sample().then((code) => {
  process.exitCode = code;
});
