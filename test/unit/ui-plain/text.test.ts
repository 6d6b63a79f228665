import { describe, expect, it } from 'vitest';
import { reduce, start } from '../../../src/core/wizard/machine.js';
import { helpLines, planLines, summaryLines, toAscii } from '../../../src/ui/plain/text.js';
import { beacon } from '../../fixtures/stacks/beacon/index.js';
import { filesWritten, outcome, planFor, RESUME } from '../ui/beacon-run.js';
import { LOCAL_ANSWERS } from '../ui/wizard-answers.js';

describe("the plain wizard's texts", () => {
  it('spells typographic marks in ASCII and never lets anything else through', () => {
    expect(toAscii('1–100000 — “quoted” ‘x’ … 3×4 → ✔ ❯ Zürich café')).toBe('1-100000 -- "quoted" \'x\' ... 3x4 -> v > Zurich cafe');
    expect(toAscii('日本 🙂')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('explains a secret that cannot be generated, and one that can', () => {
    const atMode = { ...start(beacon.questions), current: 'storage.mode' };
    const remote = reduce(atMode, { type: 'answer', value: 'remote' });
    const key = beacon.questions.find((q) => q.id === 'storage.key')!;
    expect(helpLines(key, remote)).toContain('  It cannot be generated here: give the value you were issued.');
    const token = beacon.questions.find((q) => q.id === 'secrets.token')!;
    expect(helpLines(token, remote)).toContain('  Generated: 24 random characters (142 bits), kept on every later run.');
  });

  it('shows blocked targets in the plan and a files-only plan without steps', () => {
    const out = planLines({ ...planFor(beacon, LOCAL_ANSWERS), steps: [], blocked: [{ path: '.env', reason: 'is a symbolic link' }] }, 'Beacon', '/srv/x');
    expect(out).toEqual(expect.arrayContaining(['  BLOCKED   .env is a symbolic link', 'Bootstrap steps: none (files only).']));
  });

  it('shows a blocker\'s fix, and marks a file git tracks', () => {
    const plan = planFor(beacon, LOCAL_ANSWERS);
    const out = planLines({ ...plan, files: plan.files.map((f) => (f.path === '.env' ? { ...f, tracked: true as const } : f)), blocked: [{ path: '/srv/x', reason: 'is not the logger/ folder', fix: 'Clone it.' }] }, 'Beacon', '/srv/x');
    expect(out.slice(out.findIndex((l) => l.includes(' .env')), out.findIndex((l) => l.includes(' .env')) + 2)).toEqual([
      '  changed   .env (secrets, mode 0600): Compose variables and the vault key',
      '            tracked by git: apply replaces the committed version, so `git status` shows it modified',
    ]);
    expect(out).toEqual(expect.arrayContaining(['  BLOCKED   /srv/x is not the logger/ folder', '            fix: Clone it.']));
  });

  it('sums up a files-only apply and a run that stopped', () => {
    expect(summaryLines(outcome({ status: 'written', files: filesWritten() }), '/srv/x')).toEqual(expect.arrayContaining(['Done: the files are written (the bootstrap was switched off).', 'Written: beacon.conf, .env']));
    expect(summaryLines(outcome({ status: 'interrupted', logPath: '/l.log' }), '/srv/x')).toEqual(['', 'Stopped; finished steps are recorded. Log: /l.log', 'Continue with:', `  ${RESUME}`]);
  });
});
