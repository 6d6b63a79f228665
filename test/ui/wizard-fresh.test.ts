import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below (ecosystem.md §4.2).
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { ANSWERS, DIR, fakePorts, LOG, stickypiSteps } from './fake-ports.js';
import { at, golden, KEY, renderWizard } from './harness.js';
import { LOCAL_DATA } from '../fixtures/wizard-answers.js';


describe('a first run, key by key', () => {
  it('asks every question, reviews, shows the plan, applies and ends with the summary', async () => {
    const ports = fakePorts();
    const w = await renderWizard(ports);
    golden('question-text', w.frame());

    await w.type('sticky.example.org');
    expect(w.frame()).toContain('› sticky.example.org');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Server · 2/15');
    await w.type('admin@example.org');
    await w.press(KEY.enter);
    // The defaults are in the field: Enter takes them.
    expect(w.frame()).toContain('› /opt/sticky-pi-server');
    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/Capacity · 4\/15[\s\S]*› 10/u);
    await w.press(KEY.enter, KEY.enter);

    expect(w.frame()).toContain('Image storage (S3) · 6/15');
    golden('question-choice', w.frame());
    await w.press(KEY.down, KEY.enter);
    // Local S3: no host to ask, so one question fewer.
    expect(w.frame()).toContain('Image storage (S3) · 7/14');
    expect(w.frame()).toContain('› sticky-pi-prod');
    await w.press(KEY.enter);

    expect(w.frame()).toContain('S3 access key?');
    golden('question-secret', w.frame());
    for (let i = 0; i < 6; i++) await w.press(KEY.enter); // generate every secret
    // A boolean is a Yes/No list on its default.
    expect(w.frame()).toMatch(/First user · 14\/14[\s\S]* {2}Yes\n› No/u);
    await w.press(KEY.enter);

    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    golden('review', w.frame());
    await w.press(KEY.enter); // the list opens on Continue
    await w.waitFor('Plan · Sticky Pi');
    expect(ports.previews).toEqual([LOCAL_DATA]);
    golden('plan', w.frame());

    await w.press(...Array<string>(6).fill(KEY.down));
    expect(w.frame()).toContain('› Apply: write 3 files, then run 10 steps');
    await w.press(KEY.enter);
    await w.waitFor('Checking the machine and writing the files');
    expect(ports.runs).toHaveLength(1);
    const run = ports.runs[0]!;
    expect(run).toMatchObject({ kind: 'apply', data: LOCAL_DATA });

    const steps = stickypiSteps(LOCAL_DATA);
    await w.emit(run, { type: 'run-started', at: at(0), runId: 'r1', stack: 'stickypi', dir: DIR, logPath: LOG, resumed: false, steps: steps.map((s) => ({ ...s, status: 'pending' as const })) });
    await w.emit(run, { type: 'step-started', at: at(0), id: 'volumes', title: steps[0]!.title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-succeeded', at: at(1), id: 'volumes', title: steps[0]!.title, seconds: 1 });
    await w.emit(run, { type: 'step-started', at: at(1), id: 'pull', title: steps[1]!.title, attempt: 1, attempts: 4 });
    for (const line of ['spi_db Pulling', 'spi_api Pulling', 'spi_nginx Pulling', 'spi_webapp Pulling', 'spi_db Pulled', 'spi_api Pulled']) {
      await w.emit(run, { type: 'step-output', at: at(2), id: 'pull', stream: 'stderr', line });
    }
    golden('progress', w.frame());

    for (const s of steps.slice(1)) await w.emit(run, { type: 'step-succeeded', at: at(30), id: s.id, title: s.title, seconds: 3 });
    await w.emit(run, { type: 'run-finished', at: at(30), status: 'succeeded', seconds: 30, logPath: LOG });
    await w.finish(run, { status: 'succeeded', logPath: LOG, answersPath: ANSWERS, written: [`${DIR}/.env`], notes: ['DNS: A records for sticky.example.org and *.sticky.example.org must point at this machine.'], resumeCommand: 'fieldstation resume' });
    await w.waitFor('Done: the Sticky Pi bootstrap finished');
    golden('summary-succeeded', w.frame());
    expect(w.exitCode).toBe(0);
  });
});
