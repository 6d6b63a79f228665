'use strict';
// Build only (scripts/build.mjs): the sample runs whose compiled code bin saves as V8 code caches
// (FIELDSTATION_WRITE_CODE_CACHE names the bundles). Each kind of run is a process of its own, so that
// what one command compiled is still there when its cache is written: in one long process, the wizard's
// garbage collections flushed bytecode that `plan` had compiled, and plan's cache came out short (a
// plan of e-mission took 5 ms longer with it, measured).
//   plan DIR ANSWERS...      `plan` on every example (output dropped), then exit: cmd-plan and the servers'
//   validate ANSWERS...      `validate` on every example, then exit: cmd-validate
//   setup DIR                `setup` in a fresh folder, up to its first frame: the build then sends SIGUSR2
//                            and bin writes cmd-setup's and the wizard's caches as the process exits.
/* global require */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, like bin
const { run } = require('../bin/fieldstation.js');

const [mode, ...args] = process.argv.slice(2);

/** Runs each command line with its output dropped; the last line of a failure is said. */
async function quietly(lines) {
  const writes = [process.stdout.write, process.stderr.write];
  let output = '';
  process.stdout.write = process.stderr.write = (chunk) => {
    output += chunk;
    return true;
  };
  let failed = 0;
  for (const argv of lines) failed ||= await run(argv);
  [process.stdout.write, process.stderr.write] = writes;
  if (failed !== 0) process.stderr.write(`the sample ${lines[0]?.[0]} failed: ${output.trim().split('\n').pop()}\n`);
  return failed === 0 ? 0 : 1;
}

async function sample() {
  if (mode === 'plan') {
    const [dir, ...answers] = args;
    return quietly(answers.map((file) => ['plan', '--answers', file, '--dir', dir]));
  }
  if (mode === 'validate') return quietly(args.map((file) => ['validate', '--answers', file]));
  if (mode === 'setup') return run(['setup', '--dir', args[0]]);
  process.stderr.write('usage: node scripts/code-cache-sample.cjs plan DIR ANSWERS... | validate ANSWERS... | setup DIR\n');
  return 2;
}

sample().then((code) => {
  process.exitCode = code;
});
