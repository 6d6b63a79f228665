import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { ANSWERS, beaconSteps, CHECKS_PASSED, CHECKS_REFUSED, DIR, filesWritten, LOG, outcome, RESUME } from './beacon-run.js';
import { answerToReview, at, flat, golden, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession, type Script, type ScriptedRun } from './scripted-session.js';
import { LOCAL_ANSWERS } from './wizard-answers.js';

/** All four of Beacon's steps: a run that also makes a new upload token live. */
const STEPS = beaconSteps(LOCAL_ANSWERS, { tokenChanged: true });
const step = (id: string) => STEPS.find((s) => s.id === id)!;

async function applying(): Promise<{ w: Wizard; script: Script; run: ScriptedRun }> {
  const script = scriptedSession();
  const w = await renderWizard(script);
  await answerToReview(w);
  await w.press(KEY.enter);
  await w.waitFor('Plan · Beacon');
  await w.press('a'); // type-ahead: Apply
  expect(w.frame()).toContain('› Apply:');
  await w.press(KEY.enter);
  await w.waitFor('Checking the machine and writing the files');
  return { w, script, run: script.runs[0]! };
}

const started = (resumed = false, done: string[] = [], steps = STEPS) =>
  ({ type: 'run-started', at: at(0), runId: 'r1', stack: 'beacon', dir: DIR, logPath: LOG, resumed, steps: steps.map((s) => ({ ...s, status: done.includes(s.id) ? ('done' as const) : ('pending' as const) })) }) as const;

describe('the progress screen', () => {
  it('shows each step as it runs, is skipped, succeeds or fails, then the failure and how to continue', async () => {
    expect(STEPS.map((s) => s.id)).toEqual(['folders', 'marker', 'token-live', 'start']);
    const { w, run } = await applying();
    await w.emit(run, started());
    expect(w.frame()).toContain('· Readings folder made · waiting');
    expect(w.frame()).toContain('0/4 finished');

    await w.emit(run, { type: 'step-started', at: at(0), id: 'folders', title: step('folders').title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-succeeded', at: at(1), id: 'folders', title: step('folders').title, seconds: 1 });
    await w.emit(run, { type: 'step-skipped', at: at(1), id: 'marker', title: step('marker').title, reason: 'marker /srv/beacon/.beacon-ready is there' });
    await w.emit(run, { type: 'step-started', at: at(2), id: 'token-live', title: step('token-live').title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-started', at: at(5), id: 'start', title: step('start').title, attempt: 2, attempts: 3 });
    for (let i = 1; i <= 7; i++) await w.emit(run, { type: 'step-output', at: at(6), id: 'start', stream: 'stdout', line: `logger line ${i}` });
    const frame = w.frame();
    expect(frame).toContain('✓ Readings folder made · done in 1 s');
    expect(frame).toContain('↷ Uploader marker written · skipped: marker /srv/beacon/.beacon-ready is there');
    expect(frame).toContain('⠋ New upload token made live · running 28 s');
    expect(frame).toContain('⠋ Logger started · running 25 s (attempt 2 of 3)');
    // The last five lines of the running step's output.
    expect(frame).toMatch(/running 25 s \(attempt 2 of 3\)\n {2}│ logger line 3\n[\s\S]*│ logger line 7\n/u);
    expect(frame).not.toContain('logger line 2');
    expect(frame).toContain('[███████████████░░░░░░░░░░░░░░░] 2/4 finished');
    golden('progress-steps', frame);

    await w.emit(run, { type: 'step-retry', at: at(7), id: 'token-live', attempt: 1, error: 'exit code 1', delaySeconds: 5 });
    expect(flat(w.frame())).toContain('! New upload token made live · attempt 1 failed: exit code 1; trying again in 5 s');
    await w.emit(run, { type: 'step-succeeded', at: at(8), id: 'token-live', title: step('token-live').title, seconds: 6, detail: 'token replaced' });
    await w.emit(run, { type: 'step-failed', at: at(9), id: 'start', title: step('start').title, seconds: 4, error: 'exit code 1', tail: ['beacon: reading beacon.conf', 'beacon: cannot bind :8080 (address in use)'] });
    expect(w.frame()).toContain('✗ Logger started · failed after 4 s: exit code 1');
    expect(w.frame()).toContain('4/4 finished');
    await w.emit(run, { type: 'run-finished', at: at(9), status: 'failed', seconds: 9, failed: 'start', logPath: LOG });
    expect(w.exitCode).toBeUndefined();

    await w.finish(run, outcome({ status: 'failed', failed: { id: 'start', error: 'exit code 1', tail: ['beacon: reading beacon.conf', 'beacon: cannot bind :8080 (address in use)'] }, answersPath: ANSWERS }));
    await w.waitFor('Failed:');
    expect(w.frame()).toContain('✗ Failed: Logger started (start): exit code 1');
    expect(w.frame()).toContain('Steps: 2 done, 1 skipped, 1 failed.');
    expect(w.frame()).toContain('  │ beacon: cannot bind :8080 (address in use)');
    expect(w.frame()).toContain(`Log: ${LOG}`);
    expect(w.frame()).toContain(`Fix the cause, then continue with:\n  ${RESUME}`);
    // Where the credentials are, by file and key: the files were written before the step failed.
    expect(w.frame()).toContain('• Credentials: /srv/beacon-logger/beacon.conf (token)\n');
    golden('summary-failed', w.frame());
    expect(w.exitCode).toBe(4);
  });

  it('stops the run on Ctrl-C, and waits for the runner to end it', async () => {
    const { w, script, run } = await applying();
    await w.emit(run, started(), { type: 'step-started', at: at(0), id: 'folders', title: step('folders').title, attempt: 1, attempts: 1 });
    expect(run.stopped).toBe(false);
    // Ctrl-C asks first; "no" goes on, and Esc says how to stop.
    await w.press(KEY.ctrlC);
    expect(flat(w.frame())).toContain('Stop the bootstrap? The running step is stopped cleanly and finished steps are kept; `fieldstation resume` continues. (y/N)');
    await w.press('n');
    expect(run.stopped).toBe(false);
    expect(w.frame()).not.toContain('Stop the bootstrap?');
    await w.press(KEY.esc);
    expect(flat(w.frame())).toContain('The bootstrap is running: Ctrl-C stops it (after asking)');
    await w.press(KEY.ctrlC, 'y');
    expect(run.stopped).toBe(true);
    expect(w.frame()).toContain('Stopping: the running step is being stopped cleanly…');
    expect(w.frame()).not.toContain('Quit?');
    expect(w.exitCode).toBeUndefined();
    // Another Ctrl-C changes nothing: the runner is already stopping.
    await w.press(KEY.ctrlC);
    expect(w.exitCode).toBeUndefined();

    await w.emit(run, { type: 'step-interrupted', at: at(3), id: 'folders', title: step('folders').title }, { type: 'run-finished', at: at(3), status: 'interrupted', seconds: 3, logPath: LOG });
    expect(w.frame()).toContain('■ Readings folder made · interrupted');
    await w.finish(run, outcome({ status: 'interrupted' }));
    await w.waitFor('Stopped:');
    expect(flat(w.frame())).toContain('■ Stopped: the bootstrap was interrupted in 3 s (4 steps: 1 interrupted, 3 not run).');
    expect(w.frame()).toContain(`Continue with:\n  ${RESUME}`);
    expect(w.exitCode).toBe(130);
    expect(script.exits).toEqual([130]);
  });

  it('stops the run when the session is interrupted from outside (the CLI on SIGTERM or SIGHUP), like Ctrl-C', async () => {
    const { w, script, run } = await applying();
    await w.emit(run, started());
    await w.act(() => script.send({ type: 'interrupt' }));
    await w.waitFor('Stopping');
    expect(run.stopped).toBe(true);
    await w.finish(run, outcome({ status: 'interrupted' }));
    await w.waitFor('Stopped:');
    expect(w.exitCode).toBe(130);
  });

  it('ends at once with 130 when the session is interrupted before anything runs', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    await w.press('north');
    await w.act(() => script.send({ type: 'interrupt' }));
    await w.waitFor('north');
    expect(w.exitCode).toBe(130);
    expect(script.runs).toEqual([]);
  });

  it('says what was written when only the files were (no bootstrap)', async () => {
    const { w, run } = await applying();
    await w.act(() => run.filesWritten());
    await w.finish(run, outcome({ status: 'written', files: filesWritten(), answersPath: ANSWERS, notes: ['Run fieldstation resume to start the logger.'] }));
    await w.waitFor('Files written');
    expect(w.frame()).toContain('• beacon.conf\n• .env');
    expect(w.frame()).toMatch(new RegExp(`• Your answers: ${ANSWERS}`));
    // What was left out, and the command that does it.
    expect(w.frame()).toContain('Skipped\n• The bootstrap (files only, as asked): no step ran, nothing was started.');
    expect(w.frame()).toMatch(new RegExp(`To run the bootstrap \\(the files stay as they are\\):\\n  fieldstation apply --answers ${ANSWERS}`));
    expect(w.exitCode).toBe(0);
  });
});

describe('the machine\'s checks', () => {
  it('shows the checks\' results on the progress screen, then the run', async () => {
    const { w, run } = await applying();
    await w.act(() => run.preflight([CHECKS_PASSED[0]!, { ...CHECKS_REFUSED[1]! }, CHECKS_PASSED[2]!, CHECKS_PASSED[3]!]));
    expect(w.frame()).toContain('Machine checked: 4 checks: 3 passed, 1 warning (disk).');
    await w.act(() => run.filesWritten());
    await w.emit(run, started(false, [], beaconSteps(LOCAL_ANSWERS)));
    expect(w.frame()).toMatch(/Machine checked: 4 checks: 3 passed, 1 warning \(disk\)\.\n· Readings folder made · waiting/u);
  });

  it('exits 3 when the checks refuse the run before anything was written, and says which and how to fix them', async () => {
    const { w, run } = await applying();
    await w.act(() => run.preflight(CHECKS_REFUSED));
    expect(w.frame()).toContain('Machine checked: 4 checks: 2 passed, 1 warning, 1 failed (disk, clock).');
    await w.finish(run, outcome({
      status: 'refused',
      message: 'preflight failed: clock (4 checks: 2 passed, 1 warning, 1 failed).',
      hints: ['Apply the fix shown under each failed check, then run `fieldstation setup` again.', 'To go on anyway, add --skip-check clock (one flag per check).'],
      preflight: CHECKS_REFUSED,
    }));
    await w.waitFor('Nothing was changed');
    expect(flat(w.frame())).toContain('✗ Nothing was changed: preflight failed: clock (4 checks: 2 passed, 1 warning, 1 failed).');
    expect(w.frame()).toContain('✗ Clock (clock): the clock says 1970: it is not set\n  fix: Set it: `sudo timedatectl set-ntp true`.');
    expect(w.frame()).toContain('! Disk space (disk): /srv/beacon: 8 MiB needed, 9 MiB free');
    expect(w.frame()).not.toContain('Privileges');
    expect(w.frame()).not.toContain('Log:');
    expect(w.frame()).toContain('To go on anyway, add --skip-check clock');
    // A fix that wraps stays indented under its check.
    expect(w.frame()).toMatch(/ {2}fix: Less than 20% to spare on the file system of \/srv: free some space \(`df\n {7}-h \/srv`\)/u);
    golden('summary-refused', w.frame());
    expect(w.exitCode).toBe(3);
  });
});
