import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../../src/core/run/format.js';
import type { RunEvent } from '../../../src/core/run/events.js';
import { aboutOf } from '../../../src/core/stack.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { CHECKS_REFUSED, outcome, RESUME, STEPS_OK, TIDEGAUGE } from '../ui/beacon-run.js';
import { installed, LOCAL_ANSWERS } from '../ui/wizard-answers.js';
import { applyFromReview, fromAlertsToReview, lines, plainSession, Q, toStorage } from './plain-session.js';
import { CTRL_C, ENTER } from './terminal.js';
import { localTime } from '../../../src/io/local-time.js';

const started: RunEvent = { type: 'step-started', at: 'T', id: 'start', title: 'Logger started', attempt: 1, attempts: 1 };

describe('the plain wizard while the bootstrap runs', () => {
  it('stops the running steps on Ctrl-C during apply and says how to resume', async () => {
    const { term, script, done } = plainSession({
      run: async (run) => {
        run.emit(started);
        // The runner stops when it is asked to; this one waits for exactly that.
        await run.stopping;
        run.emit({ type: 'step-interrupted', at: 'T', id: 'start', title: 'Logger started' }, { type: 'run-finished', at: 'T', status: 'interrupted', seconds: 3, logPath: '/x.log' });
        run.finish(outcome({ status: 'interrupted', logPath: '/x.log' }));
      },
    });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    await term.waitFor(formatEvent(started));
    // Ctrl-C asks first: any other key goes on, y stops.
    term.input.write(CTRL_C);
    await term.waitFor('Stop the bootstrap? The running step is stopped cleanly and finished steps are kept; `fieldstation resume` continues. (y/N) Press y to stop, any other key to go on.');
    term.input.write('n');
    await term.waitFor('Going on.');
    expect(script.runs[0]!.stopped).toBe(false);
    term.input.write(CTRL_C);
    await term.waitFor('Stop the bootstrap?');
    term.input.write('y');
    expect(await done).toBe(130);
    expect(script.runs[0]!.stopped).toBe(true);
    const out = lines(term.text);
    expect(out).toEqual(expect.arrayContaining(['Ctrl-C: stopping the running steps...', 'STOP start: Logger started: interrupted', 'Continue with:', `  ${RESUME}`]));
  });

  it('says it is stopping when the session is interrupted from outside (the CLI on SIGTERM or SIGHUP)', async () => {
    const { term, script, done } = plainSession({
      run: async (run) => {
        run.emit(started);
        script.send({ type: 'interrupt' });
        await run.stopping;
        run.finish(outcome({ status: 'interrupted' }));
      },
    });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(130);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['Stopped: stopping the running steps...', 'Continue with:']));
  });

  it('prints the failed step, its last lines, the log and the resume command: exit 4', async () => {
    const { term, done } = plainSession({
      run: (run) => {
        run.emit({ type: 'step-failed', at: 'T', id: 'start', title: 'Logger started', seconds: 9, error: 'exited with code 1', tail: ['beacon: cannot bind :8080 (address in use)'] });
        run.finish(outcome({ status: 'failed', logPath: '/x.log', failed: { id: 'start', error: 'exited with code 1', tail: ['beacon: cannot bind :8080 (address in use)'] } }));
      },
    });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(4);
    expect(lines(term.text)).toEqual(
      expect.arrayContaining(['FAIL start: Logger started (9 s): exited with code 1', 'Step start failed: exited with code 1', '  | beacon: cannot bind :8080 (address in use)', 'Full log: /x.log', `  ${RESUME}`]),
    );
  });

  it("prints the machine's checks as they come, and for a refusal again with the fixes: exit 3, nothing written", async () => {
    const message = 'preflight failed: clock (4 checks: 2 passed, 1 warning, 1 failed).';
    const hints = ['Apply the fix shown under each failed check, then run `fieldstation setup` again.', 'To go on anyway, add --skip-check clock (one flag per check).'];
    const { term, done } = plainSession({
      run: (run) => {
        run.preflight(CHECKS_REFUSED);
        run.finish(outcome({ status: 'refused', message, hints, preflight: CHECKS_REFUSED }));
      },
    });
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(3);
    const out = lines(term.text.slice(term.text.indexOf('Applying:')));
    const checks = ['WARN  disk: /srv/beacon: 8 MiB needed, 9 MiB free', 'FAIL  clock: the clock says 1970: it is not set', '      fix: Set it: `sudo timedatectl set-ntp true`.'];
    // On the progress: the summary line, then each check that did not pass with its fix.
    const first = out.indexOf('Machine checks: 4 checks: 2 passed, 1 warning, 1 failed.');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(out.slice(first)).toEqual(expect.arrayContaining(checks));
    expect(out.slice(first)).not.toContain('PASS  tool-sh: sh is /usr/bin/sh');
    // On the summary: why, the same checks, what to do, and that nothing was written.
    const summary = out.slice(out.indexOf(`Not applied: ${message}`));
    expect(summary.length).toBeGreaterThan(1);
    expect(summary).toEqual(expect.arrayContaining([...checks, ...hints, 'Nothing was written.']));
  });
});

describe('the plain wizard on an installed server', () => {
  it('offers resume when the last bootstrap did not finish, and resumes', async () => {
    const { term, script, done } = plainSession({ install: installed('start') });
    // When, as people read it: this machine's time and zone, not the journal's UTC.
    await term.waitFor(`The last bootstrap failed at step start: exit code 1 (last recorded ${localTime('2026-11-22T18:04:00Z')}). Fix the cause, then resume it.`);
    expect(term.text).not.toContain('18:04:00Z');
    await term.answer('What do you want to do?', ENTER); // resume is the default
    expect(term.text).toContain('3. Rotate a secret (comes in a later version)');
    expect(await done).toBe(0);
    expect([script.runs.map((r) => r.kind), script.installs]).toEqual([['resume'], []]);
    expect(term.text).toContain('Machine checks: 4 checks: 4 passed.');
    expect(term.text).toContain(`${formatEvent(STEPS_OK[0]!)}\n`);
  });

  it('reconfigures from the answers of the last apply, straight to the review', async () => {
    const { term, script, done } = plainSession({ install: installed() });
    await term.answer('What do you want to do?', ENTER);
    expect(term.text).toContain('1. Reconfigure');
    expect(term.text).not.toContain('Resume the unfinished bootstrap');
    await term.waitFor('Every answer is there from the last apply');
    await term.waitFor('    secrets.token:     generated');
    await term.answer('What next?', `2${ENTER}`);
    await term.answer('Which answer?', `7${ENTER}`); // secrets.token
    await term.answer(Q.token, ENTER);
    expect(term.text).toContain('1. Keep the generated one');
    await term.waitFor('Review your answers');
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs).toEqual([LOCAL_ANSWERS]);
  });

  it('quits without changing anything: exit 0', async () => {
    const { term, script, done } = plainSession({ install: installed() });
    await term.answer('What do you want to do?', `2${ENTER}`); // Reconfigure, Rotate (not yet), Quit
    await term.waitFor('[!] "Rotate a secret" cannot be chosen (comes in a later version): type a number from 1 to 3.');
    term.input.write(`quit${ENTER}`); // by its value, as well as its number
    expect(await done).toBe(0);
    expect(lines(term.text)).toContain('Nothing was changed.');
    expect([script.installs, script.runs]).toEqual([[], []]);
  });

  it('cancels on Ctrl-C at the menu: exit 130', async () => {
    const { term, script, done } = plainSession({ install: installed() });
    await term.answer('What do you want to do?', CTRL_C);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(script.exits).toEqual([130]);
  });
});

describe('the plain wizard with several servers', () => {
  const servers = [aboutOf(beacon), TIDEGAUGE];

  it('asks which server first, each with its one-line description, then that server\'s questions', async () => {
    const { term, script, done } = plainSession({ servers });
    await term.waitFor('Which server do you want to set up in /srv/beacon-logger?');
    expect(script.loads).toEqual([]);
    await term.waitFor('  1. Beacon: a field-sensor logger (a test server)');
    await term.waitFor('  2. Tide gauge: ');
    // Arrow keys mean nothing to a line reader: it says so, and what to type instead.
    term.input.write(`\u001B[B${ENTER}`);
    await term.waitFor('[!] Arrow keys and Esc do nothing here: type the answer, ? for help or < to go back, then press Enter.');
    term.input.write(`1${ENTER}`);
    await term.waitFor('Setting up Beacon in /srv/beacon-logger: 8 questions');
    expect(script.loads).toEqual(['beacon']);
    await toStorage(term);
    await fromAlertsToReview(term);
    await applyFromReview(term);
    expect(await done).toBe(0);
    expect(script.installs).toEqual([LOCAL_ANSWERS]);
  });

  it('cancels on Ctrl-C at the question: exit 130, nothing loaded', async () => {
    const { term, script, done } = plainSession({ servers });
    await term.answer('Which server do you want to set up', CTRL_C);
    expect(await done).toBe(130);
    expect(lines(term.text)).toContain('Cancelled: nothing was written.');
    expect(script.loads).toEqual([]);
  });
});
