import { describe, expect, it } from 'vitest';
import type { StepQuestion } from '../../../src/core/session/flow.js';
import { CHECKS_PASSED, LOG, outcome, PURGE_QUESTION, RESUME, VAULT_STARTED, WIPE_QUESTION } from '../ui/beacon-run.js';
import type { Script, ScriptedRun } from '../ui/scripted-session.js';
import { applyFromReview, fromAlertsToReview, lines, plainSession, toStorage } from './plain-session.js';
import { CTRL_C, ENTER, type ScriptedTerminal } from './terminal.js';

/**
 * The confirmation before a destructive step in line mode: the runner's question is a screen of the
 * session, asked with the wizard's one line reader (never a second one on the same input), and its
 * answer goes to the session as an input.
 */

/** A run that asks `question` after the steps before it, then ends as the runner would: done, or stopped before the step. */
function asking(question: StepQuestion, answers: (boolean | undefined)[]) {
  return async (run: ScriptedRun) => {
    run.preflight(CHECKS_PASSED);
    run.filesWritten();
    run.emit(VAULT_STARTED);
    const ok = await run.confirmStep(question);
    answers.push(ok);
    run.emit({ type: 'run-finished', at: VAULT_STARTED.at, status: ok ? 'succeeded' : 'interrupted', seconds: 4, logPath: LOG });
    run.finish(outcome({ status: ok ? 'succeeded' : 'interrupted' }));
  };
}

async function toQuestion(question: StepQuestion): Promise<{ term: ScriptedTerminal; script: Script; done: Promise<number>; answers: (boolean | undefined)[] }> {
  const answers: (boolean | undefined)[] = [];
  const { term, script, done } = plainSession({ run: asking(question, answers) });
  await toStorage(term);
  await fromAlertsToReview(term);
  await applyFromReview(term);
  return { term, script, done, answers };
}

describe('line mode: a step that wipes a device', () => {
  it('shows the device\'s identity, takes a wrong path as no, and the summary says how to continue', async () => {
    const { term, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.answer('Device path > ', `yes${ENTER}`);
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
    const out = lines(term.text);
    const at = out.indexOf('Step vault-format (Vault disk formatted) wipes /dev/vdb: everything on it will be erased.');
    expect(out.slice(at, at + 12)).toEqual([
      'Step vault-format (Vault disk formatted) wipes /dev/vdb: everything on it will be erased.',
      '  Device      /dev/vdb (disk)',
      '  Size        10.0 GiB (10737418240 bytes)',
      '  Model       QEMU HARDDISK',
      '  Serial      vault-1',
      '  Partitions  none',
      '  Signatures  ext4 at 0x438',
      '  Mounted     not mounted',
      '[!] It is in use: has a signature: ext4 (at 0x438).',
      'Type the device path (/dev/vdb) to erase it. Anything else does not run the step: the bootstrap stops before it, and resuming asks again.',
      'Device path > yes',
      'Step vault-format (Vault disk formatted) was not run: its device path was not typed back, so the bootstrap stopped before it and nothing on /dev/vdb was touched. Resuming asks again.',
    ]);
    // The summary says it again, with the command that continues.
    const summary = out.slice(out.lastIndexOf('Stopped; finished steps are recorded. Log: ' + LOG));
    expect(summary.slice(0, 2)).toEqual([`Stopped; finished steps are recorded. Log: ${LOG}`, out[at + 11]]);
    expect(summary.slice(-3, -1)).toEqual(['Continue with:', `  ${RESUME}`]);
  });

  it('runs it when the path is typed back (spaces around it aside)', async () => {
    const { term, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.answer('Device path > ', ` /dev/vdb ${ENTER}`);
    expect(await done).toBe(0);
    expect(answers).toEqual([true]);
    expect(lines(term.text)).toContain('Running step vault-format.');
  });

  it('an empty line is no', async () => {
    const { term, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.answer('Device path > ', ENTER);
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
  });

  it('a line typed before the question never answers it: only one typed at it does', async () => {
    const answers: (boolean | undefined)[] = [];
    const { term, done } = plainSession({ run: asking(WIPE_QUESTION, answers) });
    await toStorage(term);
    await fromAlertsToReview(term);
    await term.answer('What next?', ENTER);
    // Typed ahead with the plan's answer: kept by the reader until the next prompt, which is this one.
    await term.answer('Apply?', `y${ENTER}/dev/vdb${ENTER}`);
    await term.waitFor('(1 line(s) typed before this question were not taken as its answer.)');
    expect(answers).toEqual([]);
    await term.answer('Device path > ', `/dev/vdc${ENTER}`);
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
  });

  it('Ctrl-C at the prompt (a byte, as in raw mode) is no: the summary still comes', async () => {
    const { term, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.answer('Device path > ', CTRL_C);
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
    expect(lines(term.text)).toEqual(expect.arrayContaining(['Continue with:', `  ${RESUME}`]));
    expect(term.text).not.toContain('Cancelled: nothing was written.');
  });

  it('the end of the input is no, and the run ends with its summary', async () => {
    const { term, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.waitFor('Device path > ');
    term.input.end();
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
    expect(lines(term.text)).toContain(`  ${RESUME}`);
  });

  it('a signal from outside (SIGTERM, SIGHUP) withdraws the prompt: no, the run stops, the wizard reads on', async () => {
    const { term, script, done, answers } = await toQuestion(WIPE_QUESTION);
    await term.waitFor('Device path > ');
    script.send({ type: 'interrupt' });
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
    expect(script.runs[0]!.stopped).toBe(true);
    // The prompt's line ends there: what follows starts on a line of its own.
    expect(lines(term.text)).toEqual(expect.arrayContaining(['Device path >', `  ${RESUME}`]));
  });
});

describe('line mode: any other destructive step', () => {
  it('asks yes or no, no by default', async () => {
    const { term, done, answers } = await toQuestion(PURGE_QUESTION);
    await term.waitFor('No (the default) stops the bootstrap before it: nothing of it is done, and resuming asks again.\n');
    await term.answer('Step purge (Old readings deleted) changes or deletes data. Run it? (yes/no) [no] > ', ENTER);
    expect(await done).toBe(130);
    expect(answers).toEqual([false]);
    expect(lines(term.text)).toContain('Step purge (Old readings deleted) was not run: it was not confirmed, so the bootstrap stopped before it and nothing of it was done. Resuming asks again.');
  });

  it('runs it on yes', async () => {
    const { term, done, answers } = await toQuestion(PURGE_QUESTION);
    await term.answer('Run it? (yes/no) [no] > ', `y${ENTER}`);
    expect(await done).toBe(0);
    expect(answers).toEqual([true]);
  });
});
