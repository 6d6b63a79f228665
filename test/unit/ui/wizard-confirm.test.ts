import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import type { StepQuestion } from '../../../src/core/session/flow.js';
import { LOG, outcome, PURGE_QUESTION, RESUME, VAULT_STARTED, WIPE_QUESTION } from './beacon-run.js';
import { answerToReview, flat, golden, KEY, renderWizard, type Wizard } from './harness.js';
import { scriptedSession, type Script, type ScriptedRun } from './scripted-session.js';

/**
 * The confirmation before a destructive step in the Ink wizard: the runner's question drawn as a screen of
 * the session, answered with the same keys as every other screen, never by a second reader of the input.
 */

/** The wizard answered, applied (typed ahead) and its bootstrap running the vault steps. */
async function running(): Promise<{ w: Wizard; script: Script; run: ScriptedRun }> {
  const script = scriptedSession();
  const w = await renderWizard(script, { columns: 100, rows: 30 });
  await answerToReview(w);
  await w.press(KEY.enter);
  await w.waitFor('Plan · Beacon');
  await w.press('a', KEY.enter); // type-ahead: Apply
  await w.waitFor('Checking the machine and writing the files');
  const run = script.runs[0]!;
  await w.emit(run, VAULT_STARTED);
  return { w, script, run };
}

async function asked(question: StepQuestion): Promise<{ w: Wizard; script: Script; run: ScriptedRun; answer: () => boolean | undefined }> {
  const { w, script, run } = await running();
  let answer: boolean | undefined;
  await w.act(() => void run.confirmStep(question).then((a) => (answer = a)));
  await w.waitFor('Confirm a step');
  return { w, script, run, answer: () => answer };
}

describe('the confirmation of a step that wipes a device', () => {
  it('shows the step and the device\'s identity, and runs nothing on a wrong path; the summary says how to continue', async () => {
    const { w, run, answer } = await asked(WIPE_QUESTION);
    const frame = w.frame();
    expect(frame).toContain('Step vault-format (Vault disk formatted) wipes /dev/vdb: everything on it will be erased.');
    for (const row of ['Device      /dev/vdb (disk)', 'Size        10.0 GiB (10737418240 bytes)', 'Model       QEMU HARDDISK', 'Serial      vault-1', 'Partitions  none', 'Signatures  ext4 at 0x438', 'Mounted     not mounted']) expect(frame).toContain(`  ${row}\n`);
    expect(frame).toContain('! It is in use: has a signature: ext4 (at 0x438).');
    expect(flat(frame)).toContain('Type the device path (/dev/vdb) to erase it. Anything else does not run the step: the bootstrap stops before it, and resuming asks again.');
    golden('confirm-device', frame);

    // A yes is not the device.
    await w.type('yes');
    await w.press(KEY.enter);
    expect(answer()).toBe(false);
    await w.waitFor('Running the bootstrap');
    expect(run.stopped).toBe(false);

    await w.emit(run, { type: 'run-finished', at: VAULT_STARTED.at, status: 'interrupted', seconds: 4, logPath: LOG });
    await w.finish(run, outcome({ status: 'interrupted' }));
    await w.waitFor('Stopped:');
    const summary = flat(w.frame());
    expect(summary).toContain('■ Stopped: a destructive step was not confirmed in 4 s');
    expect(summary).toContain('Step vault-format (Vault disk formatted) was not run: its device path was not typed back, so the bootstrap stopped before it and nothing on /dev/vdb was touched. Resuming asks again.');
    expect(w.frame()).toContain(`Continue with:\n  ${RESUME}`);
    expect(w.exitCode).toBe(130);
  });

  it('runs it once the path is typed back exactly, a slip corrected with Backspace', async () => {
    const { w, answer } = await asked(WIPE_QUESTION);
    await w.type('/dev/vdbx');
    await w.press(KEY.backspace, KEY.enter);
    expect(answer()).toBe(true);
    await w.waitFor('Running the bootstrap');
    expect(w.frame()).not.toContain('Confirm a step');
  });

  it('takes Esc, an empty line or Ctrl-C as "do not run it"; Ctrl-C asks nothing more and stops nothing else', async () => {
    for (const keys of [[KEY.esc], [KEY.enter], [KEY.ctrlC]]) {
      const { w, run, answer } = await asked(WIPE_QUESTION);
      await w.press(...keys);
      expect(answer()).toBe(false);
      expect(w.frame()).not.toContain('Stop the bootstrap?');
      expect(run.stopped).toBe(false);
      await w.unmount();
    }
  });

  it('keys typed before the question never answer it: the progress screen keeps them', async () => {
    const { w, run } = await running();
    await w.type('/dev/vdb');
    await w.press(KEY.enter);
    let answer: boolean | undefined;
    await w.act(() => void run.confirmStep(WIPE_QUESTION).then((a) => (answer = a)));
    await w.waitFor('Confirm a step');
    expect(answer).toBeUndefined();
    expect(w.frame()).not.toContain('› /dev/vdb');
  });

  it('a Ctrl-C stop question open when the confirmation comes is dropped: the keys go to the confirmation', async () => {
    const { w, run } = await running();
    await w.press(KEY.ctrlC);
    await w.waitFor('Stop the bootstrap?');
    let answer: boolean | undefined;
    await w.act(() => void run.confirmStep(WIPE_QUESTION).then((a) => (answer = a)));
    await w.waitFor('Confirm a step');
    expect(w.frame()).not.toContain('Stop the bootstrap?');
    await w.type('/dev/vdb');
    await w.press(KEY.enter);
    expect(answer).toBe(true);
    expect(run.stopped).toBe(false);
  });

  it('...and does not come back when the confirmation is answered by a signal instead of a key', async () => {
    const { w, script, run } = await running();
    await w.press(KEY.ctrlC);
    await w.waitFor('Stop the bootstrap?');
    await w.act(() => void run.confirmStep(WIPE_QUESTION));
    await w.waitFor('Confirm a step');
    await w.act(() => script.send({ type: 'interrupt' }));
    await w.waitFor('Stopping: the running step is being stopped cleanly');
    expect(w.frame()).not.toContain('Stop the bootstrap?');
  });

  it('a signal (SIGTERM, SIGHUP) or the terminal\'s end while it is open is a no, and stops the run', async () => {
    const { w, script, run, answer } = await asked(WIPE_QUESTION);
    await w.act(() => script.send({ type: 'interrupt' }));
    expect(answer()).toBe(false);
    expect(run.stopped).toBe(true);
    await w.waitFor('Stopping: the running step is being stopped cleanly');
  });
});

describe('the confirmation of any other destructive step', () => {
  it('asks yes or no, no highlighted: Enter does not run it', async () => {
    const { w, answer } = await asked(PURGE_QUESTION);
    const frame = w.frame();
    expect(frame).toContain('Step purge (Old readings deleted) changes or deletes data. Run it?');
    expect(frame).toContain('› No, do not run it');
    expect(frame).toContain('  Yes, run purge');
    golden('confirm-yes-no', frame);
    await w.press(KEY.enter);
    expect(answer()).toBe(false);
  });

  it('runs it on yes (Down, Enter; or typed: y, Enter)', async () => {
    for (const keys of [[KEY.down, KEY.enter], ['y', KEY.enter]]) {
      const { w, answer } = await asked(PURGE_QUESTION);
      await w.press(...keys);
      expect(answer()).toBe(true);
      await w.unmount();
    }
  });
});
