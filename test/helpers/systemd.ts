import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * systemd's own readers of unit files, for tests: `systemd-analyze verify` (is the unit good?) and systemd's
 * dump of what it parsed (which values did it read?). No running systemd is needed for either, so they
 * work in a container. A missing program fails the test with the package to install: nothing is skipped.
 */

const ANALYZE = '/usr/bin/systemd-analyze';
/** The service manager itself: `--test` loads the units, dumps them and exits without starting anything. */
const MANAGER = '/lib/systemd/systemd';
/** The nobody user: the manager refuses to run its test mode as root. */
const NOBODY = '65534';

function need(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing, so ${what}: install Debian's systemd (apt-get install -y systemd); these tests fail rather than skip without it`);
}

/**
 * `systemd-analyze verify --man=no ./a.service ./a.timer` in `dir`: ok when it exits 0 (systemd would load
 * every unit; exit 1 for a bad setting, a relative or missing ExecStart program, a timer without a
 * schedule...), with everything it printed. `--man=no`: the units name no man pages worth checking.
 */
export function verifyUnits(dir: string, fileNames: readonly string[]): { ok: boolean; output: string } {
  need(ANALYZE, 'unit files cannot be verified');
  const r = spawnSync(ANALYZE, ['verify', '--man=no', '--no-pager', ...fileNames.map((f) => `./${f}`)], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', SYSTEMD_LOG_COLOR: '0' } });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** What systemd parsed from one unit: each `Key: value` of its dump, and each Exec setting's command lines as argv. */
export interface ParsedUnit {
  /** As systemd prints them after loading: specifiers expanded (`%%` is `%`), quotes removed. */
  readonly settings: ReadonlyMap<string, readonly string[]>;
  /** `ExecStart` → one argv per command. `$` is still doubled (`$$`): systemd expands variables only when it starts the command. */
  readonly commands: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** The unit's lines of the dump, for failure messages. */
  readonly dump: string;
}

/** Targets every service and timer depends on by default: empty ones, so only the test's own units load. */
const DEFAULT_TARGETS = ['sysinit.target', 'basic.target', 'shutdown.target', 'timers.target'];

/**
 * The units as systemd 252 itself parsed them: `systemd --test --system` loads them from a folder of their
 * own (SYSTEMD_UNIT_PATH, with empty default targets, so no unit of this machine counts), dumps every
 * loaded unit's settings and exits, running nothing. It runs as nobody, as the manager requires.
 */
export function parsedUnits(dir: string, fileNames: readonly string[]): Map<string, ParsedUnit> {
  need(MANAGER, 'units cannot be parsed by systemd itself');
  const path = mkdtempSync(join(tmpdir(), 'fieldstation-units-'));
  try {
    chmodSync(path, 0o755);
    for (const name of fileNames) copyFileSync(join(dir, name), join(path, name));
    for (const name of DEFAULT_TARGETS.filter((t) => !fileNames.includes(t))) writeFileSync(join(path, name), '[Unit]\nDescription=stand-in\n');
    writeFileSync(join(path, 'fieldstation-dump.target'), `[Unit]\nWants=${fileNames.join(' ')}\n`);
    for (const name of [...fileNames, ...DEFAULT_TARGETS, 'fieldstation-dump.target']) chmodSync(join(path, name), 0o644);
    const r = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', MANAGER, '--test', '--system', '--unit=fieldstation-dump.target', '--no-pager', '--log-target=console'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/', SYSTEMD_UNIT_PATH: path, SYSTEMD_LOG_COLOR: '0' },
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`systemd --test failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
    const units = parseDump(r.stdout);
    for (const name of fileNames) if (!units.has(name)) throw new Error(`systemd's dump has no unit ${name}:\n${r.stderr.slice(-3000)}`);
    return units;
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

/** The dump's units: `\t-> Unit NAME:`, then `\t\tKey: value` lines and `\t\t-> ExecStart:` blocks of `\t\t\tCommand Line: ...`. */
function parseDump(text: string): Map<string, ParsedUnit> {
  const units = new Map<string, { settings: Map<string, string[]>; commands: Map<string, string[][]>; lines: string[] }>();
  let current: { settings: Map<string, string[]>; commands: Map<string, string[][]>; lines: string[] } | undefined;
  let exec: string | undefined;
  for (const line of text.split('\n')) {
    const unit = /^\t-> Unit (.+):$/s.exec(line);
    if (unit) {
      current = { settings: new Map(), commands: new Map(), lines: [] };
      units.set(unit[1]!, current);
      exec = undefined;
      continue;
    }
    if (!current) continue;
    current.lines.push(line);
    const block = /^\t\t-> (Exec\w+):$/.exec(line);
    const command = /^\t\t\tCommand Line: (.*)$/s.exec(line);
    const setting = /^\t\t([^\t:][^:]*): (.*)$/s.exec(line);
    if (block) exec = block[1]!;
    else if (command && exec) current.commands.set(exec, [...(current.commands.get(exec) ?? []), commandWords(command[1]!)]);
    else if (setting) {
      exec = undefined;
      current.settings.set(setting[1]!, [...(current.settings.get(setting[1]!) ?? []), setting[2]!]);
    }
  }
  return new Map([...units].map(([name, u]) => [name, { settings: u.settings, commands: u.commands, dump: u.lines.join('\n') }]));
}

/**
 * A dumped command line back into its words. systemd prints each word bare when it can, else in double
 * quotes with `"`, `\`, `` ` `` and `$` escaped by a backslash (its shell_maybe_quote), and `""` for an
 * empty word.
 */
export function commandWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let word = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\') i++;
        word += line[i];
      }
      if (i >= line.length) throw new Error(`unterminated quote in systemd's command line: ${line}`);
      i++;
      words.push(word);
      continue;
    }
    const end = line.indexOf(' ', i);
    words.push(line.slice(i, end < 0 ? line.length : end));
    i = end < 0 ? line.length : end;
  }
  return words;
}
