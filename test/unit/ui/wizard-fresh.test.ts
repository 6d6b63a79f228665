import { describe, expect, it, vi } from 'vitest';
vi.hoisted(() => {
  // Ink reads is-in-ci once, when it is imported: set before the imports below.
  process.env['CI'] = 'false';
  process.env['CONTINUOUS_INTEGRATION'] = 'false';
});
import { ANSWERS, beaconSteps, CHECKS_PASSED, DIR, LOG, outcome, filesWritten } from './beacon-run.js';
import { at, golden, KEY, renderWizard } from './harness.js';
import { scriptedSession } from './scripted-session.js';
import { LOCAL_ANSWERS } from './wizard-answers.js';

describe('a first run, key by key', () => {
  it('asks every question, reviews, shows the plan, applies and ends with the summary', async () => {
    const script = scriptedSession();
    const w = await renderWizard(script);
    expect(script.loads).toEqual(['beacon']);
    golden('question-text', w.frame());

    await w.type('north-ridge');
    expect(w.frame()).toContain('› north-ridge');
    await w.press(KEY.enter);
    expect(w.frame()).toContain('Site · 2/8');
    await w.type('beacon.example.org');
    await w.press(KEY.enter);
    // The defaults are in the field: Enter takes them.
    expect(w.frame()).toContain('› /srv/beacon');
    await w.press(KEY.enter);
    expect(w.frame()).toMatch(/Capacity · 4\/8[\s\S]*› 8/u);
    await w.press(KEY.enter);

    expect(w.frame()).toContain('Storage · 5/8');
    golden('question-choice', w.frame());
    // Local storage: no archive to ask about, so the count stays at 8 (a remote archive makes it 10).
    await w.press(KEY.enter);
    // A boolean is a Yes/No list on its default.
    expect(w.frame()).toMatch(/Alerts · 6\/8[\s\S]* {2}Yes\n› No/u);
    await w.press(KEY.enter);

    expect(w.frame()).toContain('Upload token of the sensors?');
    golden('question-secret', w.frame());
    await w.press(KEY.enter, KEY.enter); // generate both secrets

    expect(w.frame()).toContain('Review: Enter on an answer changes it.');
    golden('review', w.frame());
    await w.press(KEY.enter); // the list opens on Continue
    await w.waitFor('Plan · Beacon');
    expect(script.installs).toEqual([LOCAL_ANSWERS]);
    golden('plan', w.frame());

    await w.press(...Array<string>(4).fill(KEY.down));
    expect(w.frame()).toContain('› Apply: write 2 files, then run 3 steps');
    await w.press(KEY.enter);
    await w.waitFor('Checking the machine and writing the files');
    expect(script.confirms).toEqual([true]);
    expect(script.runs).toHaveLength(1);
    const run = script.runs[0]!;
    expect(run).toMatchObject({ kind: 'install', answers: LOCAL_ANSWERS });

    // The machine's checks show as soon as they are known, and stay while the steps run.
    await w.act(() => run.preflight(CHECKS_PASSED));
    expect(w.frame()).toContain('Machine checked: 4 checks: 4 passed.');
    expect(w.frame()).toContain('Checking the machine and writing the files');
    await w.act(() => run.filesWritten());
    const steps = beaconSteps(LOCAL_ANSWERS);
    expect(steps.map((s) => s.id)).toEqual(['folders', 'marker', 'start']);
    await w.emit(run, { type: 'run-started', at: at(0), runId: 'r1', stack: 'beacon', dir: DIR, logPath: LOG, resumed: false, steps: steps.map((s) => ({ ...s, status: 'pending' as const })) });
    await w.emit(run, { type: 'step-started', at: at(0), id: 'folders', title: steps[0]!.title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-succeeded', at: at(1), id: 'folders', title: steps[0]!.title, seconds: 1 });
    await w.emit(run, { type: 'step-started', at: at(1), id: 'marker', title: steps[1]!.title, attempt: 1, attempts: 1 });
    for (const line of ['waiting for /srv/beacon', 'checking /srv/beacon/readings', 'folder is writable', 'uploader pid 4711', 'writing the marker', 'marker handed to the uploader']) {
      await w.emit(run, { type: 'step-output', at: at(2), id: 'marker', stream: 'info', line });
    }
    expect(w.frame()).toContain('Machine checked: 4 checks: 4 passed.');
    golden('progress', w.frame());

    await w.emit(run, { type: 'step-succeeded', at: at(3), id: 'marker', title: steps[1]!.title, seconds: 2, detail: 'marker /srv/beacon/.beacon-ready' });
    await w.emit(run, { type: 'step-started', at: at(3), id: 'start', title: steps[2]!.title, attempt: 1, attempts: 1 });
    await w.emit(run, { type: 'step-succeeded', at: at(30), id: 'start', title: steps[2]!.title, seconds: 27 });
    await w.emit(run, { type: 'run-finished', at: at(30), status: 'succeeded', seconds: 30, logPath: LOG });
    await w.finish(run, outcome({ status: 'succeeded', answersPath: ANSWERS, files: filesWritten(), checks: ['the logger answers at https://beacon.example.org/health'], notes: ['Sensors upload to https://beacon.example.org/upload.'] }));
    await w.waitFor('Done: the Beacon bootstrap finished');
    golden('summary-succeeded', w.frame());
    expect(w.exitCode).toBe(0);
    expect(script.exits).toEqual([0]);
  });
});
