// Times a command in a real pseudo-terminal, for scripts/bench.mjs and scripts/build.mjs.
//
// The terminal is util-linux's `script -qfec CMD /dev/null` (Debian: bsdutils): it opens a pty, runs CMD in it
// through /bin/sh, and copies everything written to the pty to its stdout as soon as it is written (-f). CMD is
// `stty cols 100 rows 30 && printf START && <argv> && printf END`:
// * a fresh pty has no size (0×0), and a program that finds no size goes looking for one (Ink's terminal-size
//   runs `tput`), which no real terminal would make it do;
// * START and END are invisible escape sequences (window titles) that the shell writes to the pty just before
//   it starts the program and just after the program has exited. Times are taken between them (or from START
//   to the first frame), so they leave out what the wrapper itself costs: starting script and sh, opening the
//   pty and stty before, script's own ending after (about 10 ms each here, which would otherwise sit in both
//   sides of a ratio and flatter it). START, END and the frame all travel the same way (pty → script → pipe →
//   here), so that path's delay cancels out. `spawnMs` (from spawn) is returned too;
// * the program is a child of that shell, so its pid is script's grandchild.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const COLUMNS = 100;
const ROWS = 30;
// CSI (colours, cursor moves, modes), OSC (titles, links) and two-byte escapes: what is left is visible text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

const START = '\u001b]0;start\u0007';
const END = '\u001b]0;end\u0007';
const quote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

function wrap(argv, env, cwd) {
  const title = (t) => `printf '\\033]0;${t}\\007'`;
  const command = `stty cols ${COLUMNS} rows ${ROWS} && ${title('start')} && ${argv.map(quote).join(' ')} && ${title('end')}`;
  // SHELL: script runs CMD with $SHELL -c; /bin/sh is the same cheap shell for everyone.
  return spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...env, SHELL: '/bin/sh' }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The measured program: script → sh → it. */
function programPid(scriptPid) {
  const sh = childPid(scriptPid);
  return sh && childPid(sh);
}

function childPid(pid) {
  try {
    const [first] = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

function peakKiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const comm = /^Name:\s*(\S+)/m.exec(status)?.[1];
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(status)?.[1];
    return comm === 'node' && hwm ? Number(hwm) : undefined;
  } catch {
    return undefined;
  }
}

/** Start → the program has exited (for a command that draws nothing, like `node -e 0`). */
export function timeToExit(argv, env, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const spawned = process.hrtime.bigint();
    const child = wrap(argv, env, cwd);
    let output = '';
    let started;
    let ended;
    child.stdout.on('data', (d) => {
      const now = process.hrtime.bigint();
      output += d;
      if (started === undefined && output.includes(START)) started = now;
      if (ended === undefined && output.includes(END)) ended = now;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 || started === undefined || ended === undefined) reject(new Error(`\`${argv.join(' ')}\` in a pty failed (status ${code}, signal ${signal}):\n${output}`));
      else resolve({ ms: Number(ended - started) / 1e6, spawnMs: Number(ended - spawned) / 1e6 });
    });
  });
}

/**
 * Start → the first visible text on the pty (escape sequences such as hiding the cursor do not count), with
 * the node process's peak memory (VmHWM) read at that moment. The program must then still be running,
 * waiting for a key, `alive` ms later: an error message that exits would otherwise count as a fast frame.
 * Then it gets the signal `end` (default SIGKILL, at once; with another signal it must then exit with 0).
 * `until` (a RegExp on the visible text so far) says what the first frame must contain.
 */
export function timeFirstFrame(argv, env, { until = /\S/, alive = 150, end = 'SIGKILL', timeout = 10_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const spawned = process.hrtime.bigint();
    const child = wrap(argv, env, cwd);
    let raw = '';
    let started;
    let result;
    let exit;
    const visible = () => raw.replace(ANSI, '');
    const fail = (why) => {
      clearTimeout(timer);
      const pid = programPid(child.pid);
      if (pid) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
      reject(new Error(`\`${argv.join(' ')}\` in a pty: ${why}. Its output:\n${visible()}`));
    };
    const timer = setTimeout(() => fail(`no frame within ${timeout} ms`), timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stdout.on('data', (d) => {
      raw += d;
      if (started === undefined && raw.includes(START)) started = process.hrtime.bigint();
      if (result || started === undefined || !until.test(visible())) return;
      const now = process.hrtime.bigint();
      const pid = programPid(child.pid);
      result = { ms: Number(now - started) / 1e6, spawnMs: Number(now - spawned) / 1e6, peakKiB: pid && peakKiB(pid), text: visible() };
      clearTimeout(timer);
      setTimeout(() => {
        if (exit) return fail(`it exited (${exit}) right after its first output`);
        const node = programPid(child.pid);
        if (!node) return fail('its process is gone');
        child.once('exit', (code, signal) => {
          if (end === 'SIGKILL' || code === 0) resolve(result);
          else reject(new Error(`\`${argv.join(' ')}\` did not exit cleanly on ${end} (status ${code}, signal ${signal}):\n${visible()}`));
        });
        process.kill(node, end);
      }, alive);
    });
    child.on('exit', (code, signal) => {
      exit = `status ${code}, signal ${signal}`;
      if (!result) fail(`it exited (${exit}) before drawing anything`);
    });
  });
}
