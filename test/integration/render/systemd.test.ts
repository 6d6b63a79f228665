/**
 * The systemd formats against systemd itself (252, Debian 12): every hostile value is refused by the
 * format, or written and parsed back identical by systemd's own unit loader, and units written with
 * hostile-but-legal values pass `systemd-analyze verify`.
 *
 * What systemd parsed is read from its own dump (`systemd --test`, test/helpers/systemd.ts): settings with
 * their specifiers expanded and quotes removed, command lines as argv. One step happens later and cannot be
 * watched here: systemd turns `$$` into `$` (and expands `$NAME`) only when it starts a command, which
 * needs a running service manager, and a container has none. So a command word is checked up to that
 * step: the dumped argv holds the value with each `$` doubled, which systemd.service(5) ("To pass a literal
 * dollar sign, use $$") says becomes the value.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemdEnvFormat, systemdExecFormat, systemdFormat } from '../../../src/kit/formats/systemd.js';
import { CORPUS, mismatch, type Mismatch } from '../../fixtures/hostile-values.js';
import { suiteDir, tempDir } from '../../helpers/cli.js';
import { renderTemplate } from '../../helpers/render.js';
import { parsedUnits, verifyUnits, type ParsedUnit } from '../../helpers/systemd.js';

const key = (i: number) => `V${String(i).padStart(4, '0')}`;

describe('systemd formats: each hostile value is refused, or parsed back identical by systemd', () => {
  const exec = CORPUS.filter((h) => systemdExecFormat.check(h.value) === undefined);
  const env = CORPUS.filter((h) => systemdEnvFormat.check(h.value) === undefined);
  const plain = CORPUS.filter((h) => systemdFormat.check(h.value) === undefined);
  let unit: ParsedUnit;
  let described: Map<string, ParsedUnit>;
  const folder = suiteDir('fieldstation-systemd-');

  beforeAll(() => {
    const dir = folder.path();
    // One oneshot service: a command line per value, an assignment per value.
    const service = renderTemplate(
      '[Unit]\nDescription=hostile values\n\n[Service]\nType=oneshot\n{{#each commands}}ExecStart={{systemd-exec this}}\n{{/each}}{{#each environment}}Environment={{systemd-env this}}\n{{/each}}',
      systemdFormat,
      { commands: exec.map((h) => ['/bin/echo', h.value]), environment: env.map((h, i) => `${key(i)}=${h.value}`) },
    );
    writeFileSync(join(dir, 'hostile.service'), service);
    // A plain setting takes one value a unit: Description= carries any text.
    const names = plain.map((_, i) => `plain-${i}.service`);
    plain.forEach((h, i) => writeFileSync(join(dir, names[i]!), renderTemplate('[Unit]\nDescription={{systemd description}}\n\n[Service]\nExecStart=/bin/true\n', systemdFormat, { description: h.value })));
    const parsed = parsedUnits(dir, ['hostile.service', ...names]);
    unit = parsed.get('hostile.service')!;
    described = new Map(plain.map((h, i) => [h.name, parsed.get(names[i]!)!]));
  }, 120_000);

  it('the corpus exercises both branches', () => {
    expect(exec.length).toBeGreaterThan(CORPUS.length / 2);
    expect(exec.length).toBeLessThan(CORPUS.length);
    expect(plain.length).toBeLessThan(exec.length);
    for (const name of ['real newline', 'NUL', 'tab inside']) expect(exec.map((h) => h.name)).not.toContain(name);
  });

  it('every command word is one argument, as written ($ still doubled until the command starts)', () => {
    const commands = unit.commands.get('ExecStart') ?? [];
    expect(commands).toHaveLength(exec.length);
    const wrong: Mismatch[] = [];
    exec.forEach((h, i) => {
      const got = commands[i];
      const expected = ['/bin/echo', h.value.replace(/\$/g, '$$$$')];
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(mismatch(h.name, 'ExecStart', JSON.stringify(expected), JSON.stringify(got)));
    });
    expect(wrong).toEqual([]);
  });

  it('every Environment= assignment reads back identical', () => {
    const environment = new Map((unit.settings.get('Environment') ?? []).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const wrong = env.map((h, i) => (environment.get(key(i)) === h.value ? undefined : mismatch(h.name, `Environment ${key(i)}`, h.value, environment.get(key(i))))).filter((m) => m !== undefined);
    expect(wrong).toEqual([]);
    expect(environment.size).toBe(env.length);
  });

  it('every plain setting reads back identical', () => {
    const wrong = plain.map((h) => {
      const got = described.get(h.name)?.settings.get('Description');
      return JSON.stringify(got) === JSON.stringify([h.value]) ? undefined : mismatch(h.name, 'Description', h.value, got?.join('\n'));
    }).filter((m) => m !== undefined);
    expect(wrong).toEqual([]);
  });
});

describe('units written with hostile-but-legal values', () => {
  // A web service that restarts, a oneshot and its timer, as a server module writes them.
  const WEB = [
    '[Unit]',
    'Description={{systemd description}}',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    'User={{systemd user}}',
    'WorkingDirectory={{systemd dir}}',
    'Environment={{systemd-env environment}}',
    'ExecStart={{systemd-exec command}}',
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
  const ONESHOT = '[Unit]\nDescription={{systemd description}}\n\n[Service]\nType=oneshot\nWorkingDirectory={{systemd dir}}\nExecStart={{systemd-exec command}}\n';
  const TIMER = '[Unit]\nDescription={{systemd description}}\n\n[Timer]\nOnCalendar={{systemd schedule}}\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n';

  const HOSTILE_DIR = '/srv/e-mission data/50% "quoted" $HOME \\ ünï ✓';
  const HOSTILE_ARG = ' say "hi" it\'s 100% $HOME ${PATH} \\n ; ';
  const HOSTILE_ENV = 'DB_URL=mongodb://u:p@db/x?a=1&b="2" 50% $HOME \\ ✓';
  const folder = suiteDir('fieldstation-systemd-');
  let dir = '';

  beforeAll(() => {
    dir = folder.path();
    const workdir = join(dir, 'work dir', HOSTILE_DIR);
    mkdirSync(workdir, { recursive: true });
    const write = (name: string, template: string, context: Record<string, unknown>) => writeFileSync(join(dir, name), renderTemplate(template, systemdFormat, context));
    write('fs-web.service', WEB, { description: 'e-mission web "server" 100%', user: 'root', dir: workdir, environment: ['PYTHONUNBUFFERED=1', HOSTILE_ENV], command: ['/bin/echo', HOSTILE_ARG, ''] });
    write('fs-intake.service', ONESHOT, { description: 'intake', dir: workdir, command: ['/bin/echo', 'intake', HOSTILE_ARG] });
    write('fs-intake.timer', TIMER, { description: 'intake every hour', schedule: '*-*-* *:05:00' });
  });

  it('pass systemd-analyze verify', () => {
    const r = verifyUnits(dir, ['fs-web.service', 'fs-intake.service', 'fs-intake.timer']);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  it('are read by systemd with every value as given', () => {
    const units = parsedUnits(dir, ['fs-web.service', 'fs-intake.service', 'fs-intake.timer']);
    const web = units.get('fs-web.service')!;
    expect(web.settings.get('Description')).toEqual(['e-mission web "server" 100%']);
    expect(web.settings.get('WorkingDirectory')).toEqual([join(dir, 'work dir', HOSTILE_DIR)]);
    expect(web.settings.get('Environment')).toEqual(['PYTHONUNBUFFERED=1', HOSTILE_ENV]);
    expect(web.settings.get('Restart')).toEqual(['always']);
    expect(web.commands.get('ExecStart')).toEqual([['/bin/echo', HOSTILE_ARG.replace(/\$/g, '$$$$'), '']]);
    expect(units.get('fs-intake.service')!.commands.get('ExecStart')).toEqual([['/bin/echo', 'intake', HOSTILE_ARG.replace(/\$/g, '$$$$')]]);
    expect(units.get('fs-intake.timer')!.settings.get('OnCalendar')).toEqual(['*-*-* *:05:00']);
  });

  it('a unit systemd refuses fails verify: the check is not vacuous', () => {
    const bad = tempDir('fieldstation-units-');
    writeFileSync(join(bad, 'fs-bad.service'), renderTemplate(ONESHOT, systemdFormat, { description: 'bad', dir: bad, command: ['bin/echo', 'relative'] }));
    writeFileSync(join(bad, 'fs-bad.timer'), '[Timer]\nOnCalendar=not a time\n');
    const r = verifyUnits(bad, ['fs-bad.service', 'fs-bad.timer']);
    expect(r.ok).toBe(false);
    expect(r.output).toContain('Neither a valid executable name nor an absolute path: bin/echo');
    expect(r.output).toContain('Failed to parse calendar specification');
  });
});
