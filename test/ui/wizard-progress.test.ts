import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below (ecosystem.md §4.2).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import type { SecretChoice } from '../../src/core/wizard/machine.js';
import type { ApplyOutcome, InstallStatus } from '../../src/ui/ports.js';
import { ANSWERS, DIR, fakePorts, LOG, RESUME, type FakePorts, type ScriptedRun } from './fake-ports.js';
import { answerToReview, at, flat, golden, KEY, renderWizard, type Wizard } from './harness.js';

const STEPS = [
  { id: 'volumes', title: 'Data folders created' },
  { id: 'pull', title: 'Container images pulled' },
  { id: 'tls-params', title: 'Diffie-Hellman parameters written' },
  { id: 'certificate', title: 'Let\'s Encrypt certificate obtained' },
  { id: 'up', title: 'Sticky Pi server started' },
];
const step = (id: string) => STEPS.find((s) => s.id === id)!;

async function applying(): Promise<{ w: Wizard; ports: FakePorts; run: ScriptedRun }> {
  const ports = fakePorts();
  const w = await renderWizard(ports);
  await answerToReview(w);
  await w.press(KEY.enter);
  await w.waitFor('Plan · Sticky Pi');
  await w.press('a'); // type-ahead: Apply
  expect(w.frame()).toContain('› Apply:');
  await w.press(KEY.enter);
  await w.waitFor('Checking the machine and writing the files');
  return { w, ports, run: ports.runs[0]! };
}

const started = (resumed = false, done: string[] = []) =>
  ({ type: 'run-started', at: at(0), runId: 'r1', stack: 'stickypi', dir: DIR, logPath: LOG, resumed, steps: STEPS.map((s) => ({ ...s, status: done.includes(s.id) ? ('done' as const) : ('pending' as const) })) }) as const;

const outcome = (o: Partial<ApplyOutcome> & Pick<ApplyOutcome, 'status'>): ApplyOutcome => ({ written: [], notes: [], resumeCommand: RESUME, logPath: LOG, ...o });

describe('the progress screen', () => {
  it('shows each step as it runs, is skipped, succeeds or fails, then the failure and how to continue', async () => {
    const { w, run } = await applying();
    await w.emit(run, started());
    expect(w.frame()).toContain('· Data folders created · waiting');
    expect(w.frame()).toContain('0/5 finished');

    await w.emit(run, { type: 'step-started', at: at(0), id: 'volumes', title: step('volumes').title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-succeeded', at: at(1), id: 'volumes', title: step('volumes').title, seconds: 1 });
    await w.emit(run, { type: 'step-skipped', at: at(1), id: 'pull', title: step('pull').title, reason: 'the images are present' });
    await w.emit(run, { type: 'step-started', at: at(2), id: 'tls-params', title: step('tls-params').title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-started', at: at(5), id: 'certificate', title: step('certificate').title, attempt: 2, attempts: 3 });
    for (let i = 1; i <= 7; i++) await w.emit(run, { type: 'step-output', at: at(6), id: 'certificate', stream: 'stdout', line: `certbot line ${i}` });
    const frame = w.frame();
    expect(frame).toContain('✓ Data folders created · done in 1 s');
    expect(frame).toContain('↷ Container images pulled · skipped: the images are present');
    expect(frame).toContain('⠋ Diffie-Hellman parameters written · running 28 s');
    expect(frame).toContain('⠋ Let\'s Encrypt certificate obtained · running 25 s (attempt 2 of 3)');
    // The last five lines of the running step's output.
    expect(frame).toMatch(/running 25 s \(attempt 2 of 3\)\n {2}│ certbot line 3\n[\s\S]*│ certbot line 7\n/u);
    expect(frame).not.toContain('certbot line 2');
    expect(frame).toContain('[████████████░░░░░░░░░░░░░░░░░░] 2/5 finished');
    golden('progress-steps', frame);

    await w.emit(run, { type: 'step-retry', at: at(7), id: 'tls-params', attempt: 1, error: 'exit code 1', delaySeconds: 5 });
    expect(flat(w.frame())).toContain('! Diffie-Hellman parameters written · attempt 1 failed: exit code 1; trying again in 5 s');
    await w.emit(run, { type: 'step-succeeded', at: at(8), id: 'tls-params', title: step('tls-params').title, seconds: 6 });
    await w.emit(run, { type: 'step-failed', at: at(9), id: 'certificate', title: step('certificate').title, seconds: 4, error: 'exit code 1', tail: ['Requesting a certificate for sticky.example.org', 'Challenge failed for domain sticky.example.org'] });
    expect(w.frame()).toContain('✗ Let\'s Encrypt certificate obtained · failed after 4 s: exit code 1');
    expect(w.frame()).toContain('4/5 finished');
    await w.emit(run, { type: 'run-finished', at: at(9), status: 'failed', seconds: 9, failed: 'certificate', logPath: LOG });
    expect(w.exitCode).toBeUndefined();

    await w.finish(run, outcome({ status: 'failed', failed: { id: 'certificate', error: 'exit code 1', tail: ['Requesting a certificate for sticky.example.org', 'Challenge failed for domain sticky.example.org'] }, answersPath: ANSWERS }));
    await w.waitFor('Failed:');
    expect(w.frame()).toContain('✗ Failed: Let\'s Encrypt certificate obtained (certificate): exit code 1');
    expect(w.frame()).toContain('Steps: 2 done, 1 skipped, 1 failed, 1 not run.');
    expect(w.frame()).toContain('  │ Challenge failed for domain sticky.example.org');
    expect(w.frame()).toContain(`Log: ${LOG}`);
    expect(w.frame()).toContain(`Fix the cause, then continue with:\n  ${RESUME}\n`);
    golden('summary-failed', w.frame());
    expect(w.exitCode).toBe(4);
  });

  it('stops the run on Ctrl-C through the abort signal, and waits for the runner to end it', async () => {
    const { w, run } = await applying();
    await w.emit(run, started(), { type: 'step-started', at: at(0), id: 'volumes', title: step('volumes').title, attempt: 1, attempts: 1 });
    expect(run.signal.aborted).toBe(false);
    await w.press(KEY.ctrlC);
    expect(run.signal.aborted).toBe(true);
    expect(w.frame()).toContain('Stopping: the running step is being stopped cleanly…');
    expect(w.frame()).not.toContain('Quit?');
    expect(w.exitCode).toBeUndefined();
    // Another Ctrl-C changes nothing: the runner is already stopping.
    await w.press(KEY.ctrlC);
    expect(w.exitCode).toBeUndefined();

    await w.emit(run, { type: 'step-interrupted', at: at(3), id: 'volumes', title: step('volumes').title }, { type: 'run-finished', at: at(3), status: 'interrupted', seconds: 3, logPath: LOG });
    expect(w.frame()).toContain('■ Data folders created · interrupted');
    await w.finish(run, outcome({ status: 'interrupted' }));
    await w.waitFor('Stopped:');
    expect(flat(w.frame())).toContain('■ Stopped: the bootstrap was interrupted in 3 s (5 steps: 1 interrupted, 4 not run).');
    expect(w.frame()).toContain(`Continue with:\n  ${RESUME}`);
    expect(w.exitCode).toBe(130);
  });

  it('stops the run when the session ends (the signal from SIGTERM or SIGHUP), like Ctrl-C', async () => {
    const stop = new AbortController();
    const ports = fakePorts();
    const w = await renderWizard(ports, { signal: stop.signal });
    await answerToReview(w);
    await w.press(KEY.enter);
    await w.waitFor('Plan');
    await w.press('a', KEY.enter);
    const run = ports.runs[0]!;
    await w.emit(run, started());
    await act(async () => stop.abort());
    await w.waitFor('Stopping');
    expect(run.signal.aborted).toBe(true);
    await w.finish(run, outcome({ status: 'interrupted' }));
    await w.waitFor('Stopped:');
    expect(w.exitCode).toBe(130);
  });

  it('ends at once with 130 when the session ends before anything runs', async () => {
    const stop = new AbortController();
    const w = await renderWizard(fakePorts(), { signal: stop.signal });
    await w.press('sticky');
    await act(async () => stop.abort());
    await w.waitFor('sticky');
    expect(w.exitCode).toBe(130);
  });

  it('says what was written when only the files were (no bootstrap)', async () => {
    const { w, run } = await applying();
    await w.finish(run, outcome({ status: 'written', written: [`${DIR}/.env`, `${DIR}/.secret.env`], answersPath: ANSWERS, notes: ['Run fieldstation resume to start the server.'] }));
    await w.waitFor('Files written');
    expect(w.frame()).toContain(`• ${DIR}/.secret.env`);
    expect(w.frame()).toContain(`Your answers are saved in ${ANSWERS}`);
    expect(w.exitCode).toBe(0);
  });

  it('exits 3 when applying was refused before anything was written', async () => {
    const { w, run } = await applying();
    await w.finish(run, outcome({ status: 'refused', message: 'doctor: port 443 is in use (nginx, pid 812)' }));
    await w.waitFor('Nothing was changed');
    expect(w.frame()).toContain('✗ Nothing was changed: doctor: port 443 is in use (nginx, pid 812)');
    expect(w.exitCode).toBe(3);
  });
});

describe('the start screen of an existing install', () => {
  const LOCAL_ANSWERS = { domain: 'sticky.example.org', admin_email: 'admin@example.org', volume_root: '/opt/sticky-pi-server', devices: 10, retention_weeks: 52, 's3.mode': 'local', 's3.bucket': 'sticky-pi-prod', 'first_user.create': false };
  const GENERATED: Record<string, SecretChoice> = Object.fromEntries(['s3.access_key', 's3.private_key', 'secrets.api_key', 'secrets.mysql_password', 'secrets.admin_password', 'secrets.uid_password'].map((id) => [id, { kind: 'generate' }]));
  const installed = (unfinished: boolean): InstallStatus => ({ kind: 'installed', answers: LOCAL_ANSWERS, secrets: GENERATED, unfinished: unfinished ? { failedStep: 'certificate', updatedAt: '2026-11-22T18:04:00Z' } : undefined });

  it('offers reconfigure, resume and quit; rotating secrets is shown but cannot be chosen', async () => {
    const w = await renderWizard(fakePorts({ install: installed(true) }));
    golden('start-installed', w.frame());
    expect(w.frame()).toContain('  Rotate secrets (comes in a later version)');
    await w.press(KEY.down);
    expect(w.frame()).toContain('› Resume the unfinished bootstrap');
    await w.press(KEY.down);
    expect(w.frame()).toContain('› Quit');
    await w.press(KEY.up);
    expect(w.frame()).toContain('› Resume');
    await w.press('r', 'o');
    expect(w.frame()).not.toContain('› Rotate');
    await w.press(KEY.end, KEY.enter);
    expect(w.exitCode).toBe(130);
  });

  it('has no resume without an unfinished bootstrap', async () => {
    const w = await renderWizard(fakePorts({ install: installed(false) }));
    expect(w.frame()).not.toContain('Resume');
  });

  it('reconfigures from the recorded answers: straight to the review', async () => {
    const ports = fakePorts({ install: installed(false) });
    const w = await renderWizard(ports);
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    expect(w.frame()).toContain('s3.mode                 local: Local S3');
    expect(w.frame()).toContain('s3.access_key           generated');
    await w.press(KEY.enter);
    await w.waitFor('Plan · Sticky Pi');
    expect(ports.previews[0]).toMatchObject({ domain: 'sticky.example.org', s3: { mode: 'local', access_key: { generate: true } } });
  });

  it('resumes the unfinished bootstrap straight into the progress screen', async () => {
    const ports = fakePorts({ install: installed(true) });
    const w = await renderWizard(ports);
    await w.press(KEY.down, KEY.enter);
    expect(ports.runs.map((r) => r.kind)).toEqual(['resume']);
    const run = ports.runs[0]!;
    await w.emit(run, started(true, ['volumes', 'pull', 'tls-params']), { type: 'step-started', at: at(1), id: 'certificate', title: step('certificate').title, attempt: 1, attempts: 3 });
    expect(w.frame()).toContain('Resuming the bootstrap · Sticky Pi');
    expect(w.frame()).toContain('✓ Data folders created · done earlier');
    expect(w.frame()).toContain('3/5 finished');
    await w.emit(run, { type: 'step-succeeded', at: at(20), id: 'certificate', title: step('certificate').title, seconds: 19 }, { type: 'step-succeeded', at: at(25), id: 'up', title: step('up').title, seconds: 5 });
    await w.emit(run, { type: 'run-finished', at: at(25), status: 'succeeded', seconds: 25, logPath: LOG });
    await w.finish(run, outcome({ status: 'succeeded', notes: ['The API answers at https://api.sticky.example.org.'] }));
    await w.waitFor('Done:');
    expect(w.frame()).toContain('✓ Done: the Sticky Pi bootstrap finished in 25 s (5 steps: 5 done).');
    expect(w.exitCode).toBe(0);
  });
});
