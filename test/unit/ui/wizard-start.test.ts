import { localTime } from '../../../src/io/local-time.js';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { aboutOf } from '../../../src/core/stack.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { beaconSteps, CHECKS_PASSED, DIR, LOG, outcome, TIDEGAUGE } from './beacon-run.js';
import { at, flat, golden, KEY, renderWizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';
import { installed, LOCAL_ANSWERS } from './wizard-answers.js';

const twoServers = (holdLoad = false) => scriptedSession({ servers: [aboutOf(beacon), TIDEGAUGE], holdLoad });

describe('the server picker', () => {
  it('comes first with several servers: each with its one-line description; picking one loads it and asks its first question', async () => {
    const script = twoServers();
    const w = await renderWizard(script);
    expect(w.frame()).toContain(`Which server do you want to set up in ${DIR}?`);
    expect(w.frame()).toContain('› Beacon      a field-sensor logger (a test server)');
    expect(w.frame()).toContain('  Tide gauge  sea levels (a test server)');
    golden('server-picker', w.frame());
    expect(script.loads).toEqual([]);

    await w.press(KEY.down);
    expect(w.frame()).toContain('› Tide gauge');
    await w.press('b'); // type-ahead
    expect(w.frame()).toContain('› Beacon');
    await w.press(KEY.enter);
    await w.waitFor('Name of the field site?');
    expect(script.loads).toEqual(['beacon']);
    expect(w.frame()).toContain('Beacon · /srv/beacon-logger\nSite · 1/8');
  });

  it('shows nothing while the chosen server loads; keys typed meanwhile wait for its first questions', async () => {
    const script = twoServers(true);
    const w = await renderWizard(script);
    await w.press(KEY.enter, 'north-', 'ridge\r', 'beacon.exa');
    expect(script.loads).toEqual(['beacon']);
    expect(w.frame()).toBe('');
    await w.act(() => script.load());
    await w.waitFor('Site · 2/8');
    // Typed ahead, in order: the first answer, Enter, and the start of the second.
    expect(w.frame()).toMatch(/Site · 2\/8\n\n.*\n› beacon\.exa/u);
    await w.press(KEY.esc);
    expect(w.frame()).toContain('› north-ridge');
    expect(script.loads).toEqual(['beacon']);
  });

  it('stays on Esc (there is nothing before it), and asks before quitting on Ctrl-C: 130, nothing loaded', async () => {
    const script = twoServers();
    const w = await renderWizard(script);
    await w.press(KEY.down, KEY.esc);
    expect(w.frame()).toContain('› Tide gauge');
    await w.press(KEY.ctrlC);
    expect(w.frame()).toContain('Quit? Nothing has been written. (y/N)');
    await w.press('n');
    expect(w.frame()).not.toContain('Quit?');
    await w.press(KEY.up);
    expect(w.frame()).toContain('› Beacon');
    expect(w.exitCode).toBeUndefined();
    await w.press(KEY.ctrlC, 'y');
    expect(w.exitCode).toBe(130);
    expect(script.loads).toEqual([]);
  });

  it('is skipped with one server, or when the server is given (--stack, or the install in DIR)', async () => {
    for (const script of [scriptedSession(), scriptedSession({ servers: [aboutOf(beacon), TIDEGAUGE], stackId: 'beacon' })]) {
      const w = await renderWizard(script);
      expect(w.frame()).toContain('Name of the field site?');
      expect(w.frames().join('\n')).not.toContain('Which server');
      expect(script.loads).toEqual(['beacon']);
    }
  });
});

describe('the start screen of an existing install', () => {
  it('offers reconfigure, resume and quit; rotating secrets is shown but cannot be chosen; Quit exits 0', async () => {
    const script = scriptedSession({ install: installed('start') });
    const w = await renderWizard(script);
    golden('start-installed', w.frame());
    expect(w.frame()).toContain('  Rotate secrets (comes in a later version)');
    // The bootstrap failed: resuming it is the default, and the screen says it failed (not interrupted).
    expect(w.frame()).toContain('› Resume the unfinished bootstrap');
    expect(flat(w.frame())).toContain('! The last bootstrap failed at step start: exit code 1');
    await w.press(KEY.down);
    expect(w.frame()).toContain('› Quit');
    await w.press(KEY.up);
    expect(w.frame()).toContain('› Resume');
    await w.press('r', 'o');
    expect(w.frame()).not.toContain('› Rotate');
    // A quit from a menu changes nothing: exit 0.
    await w.press(KEY.end, KEY.enter);
    expect(w.exitCode).toBe(0);
    expect([script.installs, script.runs]).toEqual([[], []]);
  });

  it('asks before quitting on Ctrl-C there too: a confirmed Ctrl-C exits 130', async () => {
    const w = await renderWizard(scriptedSession({ install: installed() }));
    await w.press(KEY.ctrlC);
    expect(w.frame()).toContain('Quit? Nothing has been written. (y/N)');
    await w.press('y');
    expect(w.exitCode).toBe(130);
  });

  it('has no resume without an unfinished bootstrap', async () => {
    const w = await renderWizard(scriptedSession({ install: installed() }));
    expect(w.frame()).toContain('Beacon is installed in /srv/beacon-logger.');
    expect(w.frame()).not.toContain('Resume');
  });

  it('reconfigures from the recorded answers: straight to the review', async () => {
    const script = scriptedSession({ install: installed() });
    const w = await renderWizard(script);
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    expect(w.frame()).toContain('Storage          local: On this machine');
    expect(w.frame()).toContain('Upload token     generated');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Beacon');
    expect(script.installs).toEqual([LOCAL_ANSWERS]);
  });

  it('resumes the unfinished bootstrap straight into the progress screen, with the machine\'s checks', async () => {
    const script = scriptedSession({ install: installed('start', 'interrupted') });
    const w = await renderWizard(script);
    expect(flat(w.frame())).toContain(`! The last bootstrap was interrupted at step start (last recorded ${localTime('2026-11-22T18:04:00Z')}): stopped by Ctrl-C or a signal, or cut off with its session. Nothing failed; resume it.`);
    await w.press(KEY.enter);
    expect(script.runs.map((r) => r.kind)).toEqual(['resume']);
    expect(w.frame()).toContain('Checking the machine and writing the files');
    const run = script.runs[0]!;
    const steps = beaconSteps(LOCAL_ANSWERS);
    await w.act(() => run.preflight(CHECKS_PASSED));
    await w.emit(
      run,
      { type: 'run-started', at: at(0), runId: 'r2', stack: 'beacon', dir: DIR, logPath: LOG, resumed: true, steps: steps.map((s) => ({ ...s, status: s.id === 'start' ? ('pending' as const) : ('done' as const) })) },
      { type: 'step-started', at: at(1), id: 'start', title: 'Logger started', attempt: 1, attempts: 1 },
    );
    expect(w.frame()).toContain('Resuming the bootstrap · Beacon');
    expect(w.frame()).toContain('Machine checked: 4 checks: 4 passed.');
    expect(w.frame()).toContain('✓ Readings folder made · done earlier');
    expect(w.frame()).toContain('2/3 finished');
    await w.emit(run, { type: 'step-succeeded', at: at(25), id: 'start', title: 'Logger started', seconds: 24 });
    await w.emit(run, { type: 'run-finished', at: at(25), status: 'succeeded', seconds: 25, logPath: LOG });
    await w.finish(run, outcome({ status: 'succeeded', notes: ['Sensors upload to https://beacon.example.org/upload.'] }));
    await w.waitFor('Done:');
    expect(w.frame()).toContain('✓ Done: the Beacon bootstrap finished in 25 s (3 steps: 3 done).');
    expect(w.exitCode).toBe(0);
  });
});
