import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { act } from 'react';
import type { StackEntry } from '../../src/app/ports.js';
import { createSession } from '../../src/app/session.js';
import { STACKS } from '../../src/stacks/index.js';
import { App } from '../../src/ui/ink/index.js';
import { runPlainWizard } from '../../src/ui/plain/index.js';
import { readBeaconConf } from '../fixtures/stacks/beacon/format.js';
import { beaconEntry } from '../fixtures/stacks/beacon/index.js';
import { beaconAnswers, testWorld, type TestWorld } from '../helpers/app.js';
import { ROOT } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { ENTER, ScriptedTerminal } from './ui-plain/terminal.js';

/**
 * The design's promise: a server brought from its own folder only (Beacon, in test/fixtures/stacks/beacon:
 * its own question, file format, step kind and preflight check) works with every command and both wizards,
 * registered beside the real servers by the test alone.
 */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const REGISTRY: readonly StackEntry[] = [...STACKS, beaconEntry];

/** Beacon's work, as it must be after an apply: its own format read back, its own step's marker. */
function expectInstalled(world: TestWorld, site: string): void {
  const conf = readBeaconConf(readFileSync(join(world.dir, 'beacon.conf'), 'utf8'));
  expect(conf).toMatchObject({ site, domain: 'beacon.example.org' });
  expect(conf['token']).toMatch(/^[A-Za-z0-9]{24}$/);
  expect(statSync(join(world.dir, 'beacon.conf')).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(world.dataRoot, '.beacon-ready'), 'utf8')).toBe(`${site}\n`);
}

describe('a fourth server from its own folder', () => {
  it('is known to no file of the program: it is registered by this test alone', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const mentions = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'templates'))].filter((f) => /beacon/i.test(readFileSync(f, 'utf8')));
    expect(mentions).toEqual([]);
  });

  it('works with questions, validate, plan, doctor and apply', async () => {
    const world = testWorld();
    const answers = beaconAnswers(world, 'sensors: 3\n');
    const run = (...args: string[]) => runInProcess(args, { cwd: world.work, stacks: REGISTRY, env: { PATH: process.env['PATH'] } });

    const questions = await run('questions', '--stack', 'beacon');
    expect(questions.stdout).toContain('  site.name  [text; default: required]');
    const valid = await run('validate', '--answers', answers);
    expect([valid.status, valid.stdout]).toEqual([0, `${answers}: valid answers for Beacon.\n`]);
    const plan = await run('plan', '--answers', answers, '--dir', world.dir);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('+token = "[masked:secrets.token]"');
    expect(plan.stdout).toContain(`write marker ${join(world.dataRoot, '.beacon-ready')}: "north-ridge"`);
    // This machine, measured for real: Beacon's own check (the clock) among the shared ones it picked.
    const doctor = await run('doctor', '--answers', answers, '--dir', world.dir);
    expect(doctor.stdout.split('\n').filter((l) => /^(PASS|WARN|FAIL) /.test(l)).map((l) => l.slice(6, l.indexOf(':')))).toEqual(['tool-sh', 'disk', 'clock', 'privileges']);
    expect(doctor.stdout).toMatch(/^PASS {2}clock: the clock says 20\d\d$/m);
    const apply = await run('apply', '--answers', answers, '--dir', world.dir, '--yes');
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('OK   marker: Uploader marker written');
    expect(apply.stdout).toContain(`Beacon is set up in ${world.dir}.`);
    expectInstalled(world, 'north-ridge');
  });

  it('is offered by the Ink wizard\'s server picker and set up through it', async () => {
    const world = testWorld();
    const session = createSession({ ...world.deps, stacks: REGISTRY }, { dir: world.dir, stackId: undefined, skipBootstrap: false, skipChecks: [], destructive: { yesDestructive: false, wipeDevices: [] } });
    let r!: ReturnType<typeof render>;
    await act(async () => {
      r = render(<App session={session} terminal={{ unicode: true, color: false }} animate={false} />);
    });
    const frame = () => stripVTControlCharacters(r.lastFrame() ?? '');
    /** Waits for the real services (files, child processes) in real time. */
    const waitFor = async (text: string) => {
      for (let i = 0; i < 400 && !frame().includes(text); i++) {
        await act(async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
        });
      }
      expect(frame(), frame()).toContain(text);
    };
    const press = async (...chunks: string[]) => {
      for (const chunk of chunks) {
        await act(async () => {
          r.stdin.write(chunk);
          await new Promise((resolve) => setImmediate(resolve));
        });
      }
    };
    await waitFor('Beacon');
    expect(frame()).toContain('a field-sensor logger (a test server)');
    await press('b', '\r');
    await waitFor('Name of the field site?');
    // Ctrl-U clears the default folder, then the test's own is typed.
    await press('south-col\r', 'beacon.example.org\r', '\u0015', `${world.dataRoot}\r`, '\r', '\r', '\r', '\r', '\r');
    await waitFor('Continue: check the answers and show the plan');
    await press('\r');
    await waitFor('Apply:');
    // The last item is "Back to review"; Apply is the one above it.
    await press('\u001B[F', '\u001B[A', '\r');
    await waitFor('Done: the Beacon bootstrap finished');
    expect(await session.done).toBe(0);
    expectInstalled(world, 'south-col');
    await act(async () => r.unmount());
  });

  it('is set up by the plain wizard too', async () => {
    const world = testWorld();
    const session = createSession({ ...world.deps, stacks: REGISTRY }, { dir: world.dir, stackId: undefined, skipBootstrap: false, skipChecks: [], destructive: { yesDestructive: false, wipeDevices: [] } });
    const term = new ScriptedTerminal();
    const done = term.watch(runPlainWizard(session, { unicode: true, color: false }, { input: term.input, output: term.output }));
    const pick = REGISTRY.findIndex((s) => s.about.id === 'beacon') + 1;
    await term.answer('Which server do you want to set up', `${pick}${ENTER}`);
    await term.answer('Name of the field site?', `east-fen${ENTER}`);
    await term.answer('Domain name of the logger?', `beacon.example.org${ENTER}`);
    await term.answer('Folder for the readings?', `${world.dataRoot}${ENTER}`);
    for (const prompt of ['How many sensors?', 'Where are readings kept?', 'Send an alert', 'Upload token', 'Key that encrypts']) await term.answer(prompt, ENTER);
    await term.answer('What next?', ENTER);
    await term.answer('Apply?', `y${ENTER}`);
    expect(await done).toBe(0);
    expect(term.text).toContain('OK   marker: Uploader marker written');
    expectInstalled(world, 'east-fen');
  });
});
