// Start-up benchmark: whole-process wall time of the CLI against bare `node -e 0`.
// Run by `npm run bench` (which builds first). Options: --runs N (default 30), --strict (exit 1 when over target).
//
// Why it measures this way:
// * Whole processes, timed from outside with spawnSync + hrtime: a user waits for node to start, load the
//   bundle, run and exit, not for one function inside it.
// * Results are ratios to `node -e 0` on the same machine in the same run, so a slow or busy machine does not
//   move the verdict. Targets: --help ≤ 1.3×, plan ≤ 1.5×, the wizard's first frame ≤ 3.0× (below).
// * Commands run round-robin (each command under each environment once per round) after 3 warm-up rounds
//   (disk cache, CPU frequency): this 2-core machine is noisy (σ ≈ 10%), and interleaving makes the noise
//   hit every command alike.
// * Medians and p90, not means: a stray slow run should not decide anything.
// * stdio is ignored so terminal output speed is not measured; a non-zero exit fails loudly, since a command
//   that errors out early would look fast.
// * Some machines set NODE_EXTRA_CA_CERTS, which adds tens of ms to every node start on Node 20 (the script
//   prints what it costs here). Users' machines normally don't have it, and it shrinks
//   every ratio. So everything is measured twice, with the environment as it is and with that variable
//   removed from the children's environment; both tables are printed and labelled.
// * The wizard's first frame (`setup`, Ink) is timed in a real pseudo-terminal (scripts/pty-time.mjs): from
//   the moment the pty's shell starts node until the first visible text comes out of the pty; then it is
//   killed (it waits for a key). Its baseline is `node -e 0` through the very same wrapper, from its start
//   until it has exited; that should come out close to plain `node -e 0`, which checks the method. Target:
//   ≤ 3.0×, and peak memory (VmHWM of that node process at its first frame) under 70 MiB in every run: the
//   table shows the highest and the median. CI is removed and TERM set to xterm-256color for these two rows:
//   they measure the Ink wizard, which CI or a dumb terminal would replace by plain prompts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleEnv, exampleHostRoot, examples } from './examples.mjs';
import { timeFirstFrame, timeToExit } from './pty-time.mjs';

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
// The examples' secrets as stand-ins, and the files they point at (Ichnaea's GeoIP database) under a
// folder standing in for `/`: every plan row reads them as on a machine that has them.
const hostRoot = exampleHostRoot(root);
process.on('exit', () => rmSync(hostRoot, { recursive: true, force: true }));
const secrets = { ...exampleEnv(root), FIELDSTATION_TEST_HOST_ROOT: hostRoot };

// dir: each run gets a fresh empty folder, made and removed outside the timed part.
// pty: run in a pseudo-terminal, timed to 'exit' or to the first 'frame', with ratios to the row `base`.
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'fieldstation --help', argv: ['bin/fieldstation.js', '--help'], target: 1.3 },
  // `plan` on every example answers file: every registered server, every major mode.
  ...examples(root).map((e) => ({ name: `fieldstation plan (${e.name})`, argv: ['bin/fieldstation.js', 'plan', '--answers', e.path, '--dir'], dir: true, target: 1.5 })),
  { name: 'node -e 0, in a pty', argv: ['-e', '0'], pty: 'exit' },
  { name: 'setup first frame, in a pty', argv: ['bin/fieldstation.js', 'setup', '--dir'], dir: true, pty: 'frame', base: 'node -e 0, in a pty', target: 3.0, peakMiB: 70 },
];
const firstFrames = [];
/** The row a command's ratio is taken against: `node -e 0`, or the row its `base` names. */
const baseIndex = (cmd) => (cmd.base === undefined ? 0 : commands.findIndex((c) => c.name === cmd.base));

async function timeOnce(cmd, env) {
  const dir = cmd.dir ? mkdtempSync(join(tmpdir(), 'fieldstation-bench-')) : undefined;
  const argv = dir ? [...cmd.argv, dir] : cmd.argv;
  try {
    if (cmd.pty) {
      const ptyEnv = { ...env, ...secrets, TERM: 'xterm-256color' };
      delete ptyEnv.CI;
      const wrapped = [process.execPath, ...argv];
      if (cmd.pty === 'exit') return await timeToExit(wrapped, ptyEnv, { cwd: root });
      const r = await timeFirstFrame(wrapped, ptyEnv, { cwd: root });
      if (firstFrames.length === 0) firstFrames.push(r.text);
      return r;
    }
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, argv, { cwd: root, env: { ...env, ...secrets }, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error || r.status !== 0) throw new Error(`\`node ${argv.join(' ')}\` failed (status ${r.status}, signal ${r.signal}${r.error ? `, ${r.error.message}` : ''}).`);
    return { ms };
  } catch (error) {
    console.error(`bench: ${error.message}`);
    console.error('Run it by hand to see why.');
    process.exit(1);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
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
async function measure(envs) {
  const times = envs.map(() => commands.map(() => ({ ms: [], kib: [] })));
  for (let round = 0; round < WARMUP + runs; round++) {
    for (const [e, env] of envs.entries()) {
      for (const [i, cmd] of commands.entries()) {
        const r = await timeOnce(cmd, env);
        if (round < WARMUP) continue;
        times[e][i].ms.push(r.ms);
        if (r.peakKiB !== undefined) times[e][i].kib.push(r.peakKiB);
      }
    }
  }
  return times;
}

function report(title, times) {
  const rows = commands.map((cmd, i) => {
    const med = median(times[i].ms);
    const base = median(times[baseIndex(cmd)].ms);
    const ratio = med / base;
    const peak = times[i].kib.length ? Math.max(...times[i].kib) / 1024 : undefined;
    const typical = times[i].kib.length ? median(times[i].kib) / 1024 : undefined;
    const over = (cmd.target !== undefined && ratio > cmd.target) || (cmd.peakMiB !== undefined && !(peak < cmd.peakMiB));
    const isBase = commands.some((c) => baseIndex(c) === i && c !== cmd);
    return {
      command: cmd.name,
      'median ms': med.toFixed(1),
      'p90 ms': quantile(times[i].ms, 0.9).toFixed(1),
      ratio: `${ratio.toFixed(2)}×`,
      target: isBase ? '(baseline)' : cmd.target === undefined ? '' : `≤ ${cmd.target}×`,
      'peak MiB (max/median)': cmd.peakMiB === undefined ? '' : peak === undefined ? '?' : `${peak.toFixed(1)} / ${typical.toFixed(1)} (< ${cmd.peakMiB})`,
      result: cmd.target === undefined ? '' : over ? 'OVER' : 'PASS',
      over,
    };
  });
  console.log(`\n${title}`);
  const cols = ['command', 'median ms', 'p90 ms', 'ratio', 'target', 'peak MiB (max/median)', 'result'];
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
const [asIs, withoutCa] = await measure(hasCa ? [{ ...process.env }, withoutCaEnv] : [{ ...process.env }]);
let over = report(
  hasCa
    ? 'Environment as is, NODE_EXTRA_CA_CERTS set (this workplace, not a typical user machine):'
    : 'Environment as is (NODE_EXTRA_CA_CERTS is not set here, so there is no second table):',
  asIs,
);
if (hasCa) {
  over = report('NODE_EXTRA_CA_CERTS removed from the child env (closer to a user machine):', withoutCa) || over;
  const cost = median(asIs[0].ms) - median(withoutCa[0].ms);
  console.log(`\nNODE_EXTRA_CA_CERTS costs ${cost.toFixed(1)} ms per node start here (difference of the node -e 0 medians).`);
}
console.log('\nThe setup row is a ratio to "node -e 0, in a pty": both are timed from the start of node (scripts/pty-time.mjs).');
console.log(`The first frame measured (its visible text): ${JSON.stringify(firstFrames[0]?.trim().slice(0, 160))}`);
if (over) console.log(strict ? '\nOver target (--strict): exit 1.' : '\nOver target. This is a report: exit 0 (use --strict to fail).');
process.exit(over && strict ? 1 : 0);
