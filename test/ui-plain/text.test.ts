import { describe, expect, it } from 'vitest';
import { reduce, start } from '../../src/core/wizard/machine.js';
import { stickypi } from '../../src/stacks/stickypi/index.js';
import { helpLines, planLines, summaryLines, toAscii } from '../../src/ui/plain/text.js';
import { PLAN, RESUME } from './fake-ports.js';

describe("the plain wizard's texts", () => {
  it('spells typographic marks in ASCII and never lets anything else through', () => {
    expect(toAscii('1–100000 — “quoted” ‘x’ … 3×4 → ✔ ❯ Zürich café')).toBe('1-100000 -- "quoted" \'x\' ... 3x4 -> v > Zurich cafe');
    expect(toAscii('日本 🙂')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('explains a secret that cannot be generated, and one that can', () => {
    const atMode = { ...start(stickypi.questions), current: 's3.mode' };
    const access = stickypi.questions.find((q) => q.id === 's3.access_key')!;
    const remote = reduce(atMode, { type: 'answer', value: 'remote' });
    expect(helpLines(access, remote)).toContain('  It cannot be generated here: give the value you were issued.');
    const local = reduce(atMode, { type: 'answer', value: 'local' });
    expect(helpLines(access, local)).toContain('  Generated: 20 random characters (119 bits), kept on every later run.');
  });

  it('shows blocked targets in the plan and a files-only plan without steps', () => {
    const out = planLines({ ...PLAN, steps: [], blocked: ['.env is a symbolic link'] }, 'Sticky Pi', '/srv/x');
    expect(out).toEqual(expect.arrayContaining(['  BLOCKED   .env is a symbolic link', 'Bootstrap steps: none (files only).']));
  });

  it('sums up a files-only apply and a run that stopped', () => {
    expect(summaryLines({ status: 'written', written: ['.env'], notes: [], resumeCommand: RESUME }, '/srv/x')).toContain('Done: the files are written (the bootstrap was switched off).');
    expect(summaryLines({ status: 'interrupted', logPath: '/l.log', written: [], notes: [], resumeCommand: RESUME }, '/srv/x')).toEqual(['', 'Stopped; finished steps are recorded. Log: /l.log', 'Continue with:', `  ${RESUME}`]);
  });
});
