import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createMasker } from '../../../src/core/secrets/mask.js';
import { tempDir } from '../../helpers/cli.js';
import { alive, node, run, until } from '../../helpers/runner.js';
import type { Step } from '../../../src/core/steps/step.js';
import { exec, pathExists, type ExecRun } from '../../../src/kit/steps/index.js';

describe('the step runner, with real child processes', () => {
  it('streams output line by line, without escape sequences or redraws', async () => {
    const r = await run([{ id: 'print', title: 'Printed', run: node('print.mjs') }]);
    expect(r.status).toBe('succeeded');
    // stdout and stderr arrive in either order; within stdout the order is kept.
    expect([...r.lines('print')].sort()).toEqual(['a warning on stderr', 'green line', 'no newline at the end', 'progress 100%', 'secret from env: none', 'up and cleared']);
    const stderr = r.events.filter((e) => e.type === 'step-output' && e.stream === 'stderr');
    expect(stderr).toHaveLength(1);
    for (const line of r.lines('print')) expect(line.includes('\u001b') || line.includes('\r')).toBe(false);
  });

  it('runs independent steps at the same time and dependent ones after', async () => {
    const dir = tempDir();
    const [a, b, order] = ['a', 'b', 'order'].map((n) => join(dir, n)) as [string, string, string];
    // Each rendezvous step succeeds only if the other one runs at the same time.
    const r = await run([
      { id: 'a', title: 'A', run: node('rendezvous.mjs', a, b) },
      { id: 'b', title: 'B', run: node('rendezvous.mjs', b, a) },
      { id: 'after', title: 'After', run: node('append.mjs', order, 'after'), dependsOn: ['a', 'b'] },
    ]);
    expect(r.status).toBe('succeeded');
    const started = r.events.filter((e) => e.type === 'step-started').map((e) => e.type === 'step-started' && e.id);
    expect(started.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(started[2]).toBe('after');
  });

  it('skips a step whose work is there, and says why', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'done'), '');
    const r = await run([{ id: 'made', title: 'Made', run: node('fail.mjs'), skipIf: pathExists(join(dir, 'done')) }]);
    expect(r.status).toBe('succeeded');
    expect(r.events.find((e) => e.type === 'step-skipped')).toMatchObject({ id: 'made', reason: `${join(dir, 'done')} exists` });
    expect(r.journal.steps['made']).toMatchObject({ status: 'skipped' });
  });

  it('retries a failing step with backoff until it succeeds', async () => {
    const counter = join(tempDir(), 'count');
    const r = await run([{ id: 'flaky', title: 'Flaky', run: node('flaky.mjs', counter, '3'), retries: 3 }]);
    expect(r.status).toBe('succeeded');
    expect(readFileSync(counter, 'utf8')).toBe('3');
    const retries = r.events.filter((e) => e.type === 'step-retry');
    expect(retries.map((e) => e.type === 'step-retry' && [e.attempt, e.delaySeconds])).toEqual([[1, 0.01], [2, 0.02]]);
  });

  it('stops at a failure with the last 20 lines, and starts nothing after it', async () => {
    const order = join(tempDir(), 'order');
    const r = await run([
      { id: 'fails', title: 'Fails', run: node('fail.mjs', '7') },
      { id: 'later', title: 'Later', run: node('append.mjs', order, 'later'), dependsOn: ['fails'] },
    ]);
    expect(r.status).toBe('failed');
    expect(r.failed).toMatchObject({ id: 'fails', error: expect.stringMatching(/exited with code 7/) });
    expect(r.failed!.tail).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 11}`));
    expect(existsSync(order)).toBe(false);
    expect(r.journal).toMatchObject({ status: 'failed', steps: { fails: { status: 'failed' } } });
  });

  it('resumes from a journal without redoing finished steps', async () => {
    const dir = tempDir();
    const order = join(dir, 'order');
    const counter = join(dir, 'count');
    const steps: Step[] = [
      { id: 'one', title: 'One', run: node('append.mjs', order, 'one') },
      { id: 'two', title: 'Two', run: node('flaky.mjs', counter, '2'), dependsOn: ['one'] },
      { id: 'three', title: 'Three', run: node('append.mjs', order, 'three'), dependsOn: ['two'] },
    ];
    const first = await run(steps);
    expect(first.status).toBe('failed');
    const second = await run(steps, { journal: first.journal });
    expect(second.status).toBe('succeeded');
    expect(readFileSync(order, 'utf8')).toBe('one\nthree\n');
    expect(second.events.find((e) => e.type === 'run-started')).toMatchObject({ resumed: true, steps: [{ id: 'one', status: 'done' }, { id: 'two', status: 'pending' }, { id: 'three', status: 'pending' }] });
  });

  it('stops a running child with SIGTERM when the run is aborted, and records it', async () => {
    const pidFile = join(tempDir(), 'pid');
    const controller = new AbortController();
    const running = run([{ id: 'hang', title: 'Hangs', run: node('hang.mjs', pidFile) }, { id: 'next', title: 'Next', run: node('fail.mjs'), dependsOn: ['hang'] }], { signal: controller.signal });
    await until(() => existsSync(pidFile), 'the child to start');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    controller.abort();
    const r = await running;
    expect(r.status).toBe('interrupted');
    expect(r.journal.steps).toEqual({ hang: expect.objectContaining({ status: 'interrupted' }) });
    await until(() => !alive(pid), 'the child to end');
  });

  it('kills a child that ignores SIGTERM after the grace period', async () => {
    const pidFile = join(tempDir(), 'pid');
    const controller = new AbortController();
    const running = run([{ id: 'stubborn', title: 'Stubborn', run: node('ignore-term.mjs', pidFile) }], { signal: controller.signal, graceMs: 300 });
    await until(() => existsSync(pidFile), 'the child to start');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    controller.abort();
    const r = await running;
    expect(r.status).toBe('interrupted');
    await until(() => !alive(pid), 'the child to be killed');
    expect(r.lines('stubborn')).toContain('got SIGTERM, ignoring it');
  });

  it('fails a step that outlives its timeout', async () => {
    const r = await run([{ id: 'slow', title: 'Slow', run: node('hang.mjs'), timeoutSeconds: 1 }]);
    expect(r.status).toBe('failed');
    expect(r.failed?.error).toBe('timed out after 1 s');
  });

  it('masks secrets in output, refuses them in argv, and gives them through env', async () => {
    const secret = new Secret('db', 'hunter2-hunter2');
    const mask = createMasker([{ id: 'db', value: secret.reveal() }]);
    const withEnv: ExecRun = { ...node('print.mjs'), env: { FIXTURE_SECRET: secret } };
    const viaEnv = await run([{ id: 'env', title: 'Env', run: withEnv }], { mask });
    expect(viaEnv.lines('env')).toContain('secret from env: [masked:db]');
    expect(JSON.stringify(viaEnv.events)).not.toContain('hunter2');
    await expect(run([{ id: 'argv', title: 'Argv', run: node('append.mjs', '/dev/null', secret.reveal()) }], { mask })).rejects.toThrow(/secret on its command line/);
  });

  it('asks before a destructive step and stops there when the answer is no', async () => {
    const order = join(tempDir(), 'order');
    const step: Step = { id: 'wipe', title: 'Wipes', run: node('append.mjs', order, 'wipe'), destructive: true };
    const declined = await run([step], { confirm: false });
    expect(declined.status).toBe('interrupted');
    expect(existsSync(order)).toBe(false);
    const accepted = await run([step], { confirm: true });
    expect(accepted.status).toBe('succeeded');
    expect(readFileSync(order, 'utf8')).toBe('wipe\n');
  });

  it('runs a destructive step alone: asked when nothing else runs, one question at a time, nothing started beside it', async () => {
    const order = join(tempDir(), 'order');
    let open = 0;
    const asked: { id: string; open: number; running: string[] }[] = [];
    const r = await run(
      [
        { id: 'slow', title: 'Slow', run: exec(['sh', '-c', 'sleep 0.3; echo slow >> "$1"', 'sh', order]) },
        { id: 'wipe-a', title: 'Wipes A', run: node('append.mjs', order, 'wipe-a'), destructive: true },
        { id: 'wipe-b', title: 'Wipes B', run: node('append.mjs', order, 'wipe-b'), destructive: true },
        { id: 'quick', title: 'Quick', run: node('append.mjs', order, 'quick') },
      ],
      {
        ask: async (step, events) => {
          const started = events.flatMap((e) => (e.type === 'step-started' ? [e.id] : []));
          const over = new Set(events.flatMap((e) => (e.type === 'step-succeeded' || e.type === 'step-failed' ? [e.id] : [])));
          asked.push({ id: step.id, open: ++open, running: started.filter((id) => !over.has(id)) });
          // A person takes a while to answer: another question must not come meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 100));
          open--;
          return true;
        },
      },
    );
    expect(r.status).toBe('succeeded');
    expect(asked.map((a) => a.id).sort()).toEqual(['wipe-a', 'wipe-b']);
    for (const a of asked) expect(a).toMatchObject({ open: 1, running: [] });
    // Each destructive step ran with nothing beside it: its line is never between another step's start and end.
    const lines = readFileSync(order, 'utf8').trim().split('\n');
    expect(lines.sort()).toEqual(['quick', 'slow', 'wipe-a', 'wipe-b']);
    const started = r.events.flatMap((e) => (e.type === 'step-started' || e.type === 'step-succeeded' ? [`${e.type === 'step-started' ? '+' : '-'}${e.id}`] : []));
    for (const id of ['wipe-a', 'wipe-b']) {
      const at = started.indexOf(`+${id}`);
      expect(started[at + 1]).toBe(`-${id}`);
    }
  });

  it('refuses a plan whose steps do not form a graph', async () => {
    await expect(run([{ id: 'x', title: 'X', run: node('print.mjs'), dependsOn: ['y'] }])).rejects.toThrow(/unknown step y/);
    await expect(run([{ id: 'x', title: 'X', run: node('print.mjs'), dependsOn: ['x'] }])).rejects.toThrow(/circle/);
  });
});
