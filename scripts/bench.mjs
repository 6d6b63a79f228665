// Start-up benchmark: whole-process wall time of the CLI against bare `node -e 0`.
// Run by `npm run bench` (which builds first). Options: --runs N (default 30), --strict (exit 1 when over target).
//
// Why it measures this way (see ecosystem.md §5):
// * Whole processes, timed from outside with spawnSync + hrtime: a user waits for node to start, load the
//   bundle, run and exit, not for one function inside it.
// * Results are ratios to `node -e 0` on the same machine in the same run, so a slow or busy machine does not
//   move the verdict. Targets: --help ≤ 1.3×, plan ≤ 1.5×.
// * Commands run round-robin (each command under each environment once per round) after 3 warm-up rounds
//   (disk cache, CPU frequency): this 2-core machine is noisy (σ ≈ 10%), and interleaving makes the noise
//   hit every command alike.
// * Medians and p90, not means: a stray slow run should not decide anything.
// * stdio is ignored so terminal output speed is not measured; a non-zero exit fails loudly, since a command
//   that errors out early would look fast.
// * This workplace sets NODE_EXTRA_CA_CERTS, which adds tens of ms to every node start on Node 20 (§5 saw
//   ~55 ms; the script prints what it costs here). Users' machines normally don't have it, and it shrinks
//   every ratio. So everything is measured twice, with the environment as it is and with that variable
//   removed from the children's environment; both tables are printed and labelled.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 30 : Number(args[runsAt + 1]);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench.mjs [--runs N] [--strict]');
  process.exit(2);
}
const WARMUP = 3;
const secrets = { STICKY_S3_ACCESS_KEY: 'AKIAEXAMPLEKEY123', STICKY_S3_PRIVATE_KEY: 'wJalrXUtnFEMIexamplesecret' };

// dir: each plan run gets a fresh empty folder, made and removed outside the timed part.
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'fieldstation --help', argv: ['bin/fieldstation.js', '--help'], target: 1.3 },
  {
    name: 'fieldstation plan (stickypi)',
    argv: ['bin/fieldstation.js', 'plan', '--answers', 'examples/stickypi.yaml', '--dir'],
    dir: true,
    target: 1.5,
  },
];

function timeOnce(cmd, env) {
  const dir = cmd.dir ? mkdtempSync(join(tmpdir(), 'fieldstation-bench-')) : undefined;
  const argv = dir ? [...cmd.argv, dir] : cmd.argv;
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: root, env: { ...env, ...secrets }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (r.error || r.status !== 0) {
    console.error(`bench: \`node ${argv.join(' ')}\` failed (status ${r.status}, signal ${r.signal}${r.error ? `, ${r.error.message}` : ''}).`);
    console.error('Run it by hand to see why.');
    process.exit(1);
  }
  return ms;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// One round = every command once under every environment, so noise hits all of them alike.
function measure(envs) {
  const times = envs.map(() => commands.map(() => []));
  for (let round = 0; round < WARMUP + runs; round++) {
    envs.forEach((env, e) => {
      commands.forEach((cmd, i) => {
        const ms = timeOnce(cmd, env);
        if (round >= WARMUP) times[e][i].push(ms);
      });
    });
  }
  return times;
}

function report(title, times) {
  const base = median(times[0]);
  const rows = commands.map((cmd, i) => {
    const med = median(times[i]);
    const ratio = med / base;
    const over = cmd.target !== undefined && ratio > cmd.target;
    return {
      command: cmd.name,
      'median ms': med.toFixed(1),
      'p90 ms': quantile(times[i], 0.9).toFixed(1),
      ratio: `${ratio.toFixed(2)}×`,
      target: cmd.target === undefined ? '(baseline)' : `≤ ${cmd.target}×`,
      result: cmd.target === undefined ? '' : over ? 'OVER' : 'PASS',
      over,
    };
  });
  console.log(`\n${title}`);
  const cols = ['command', 'median ms', 'p90 ms', 'ratio', 'target', 'result'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((v, j) => (j === 0 ? v.padEnd(width[j]) : v.padStart(width[j]))).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
  return rows.some((r) => r.over);
}

console.log(`node ${process.version}, ${runs} runs per command after ${WARMUP} warm-up rounds, round-robin.`);
const hasCa = process.env.NODE_EXTRA_CA_CERTS !== undefined;
const withoutCaEnv = { ...process.env };
delete withoutCaEnv.NODE_EXTRA_CA_CERTS;
const [asIs, withoutCa] = measure(hasCa ? [{ ...process.env }, withoutCaEnv] : [{ ...process.env }]);
let over = report(
  hasCa
    ? 'Environment as is, NODE_EXTRA_CA_CERTS set (this workplace, not a typical user machine):'
    : 'Environment as is (NODE_EXTRA_CA_CERTS is not set here, so there is no second table):',
  asIs,
);
if (hasCa) {
  over = report('NODE_EXTRA_CA_CERTS removed from the child env (closer to a user machine):', withoutCa) || over;
  const cost = median(asIs[0]) - median(withoutCa[0]);
  console.log(`\nNODE_EXTRA_CA_CERTS costs ${cost.toFixed(1)} ms per node start here (difference of the node -e 0 medians).`);
}
if (over) console.log(strict ? '\nOver target (--strict): exit 1.' : '\nOver target. This is a report: exit 0 (use --strict to fail).');
process.exit(over && strict ? 1 : 0);
