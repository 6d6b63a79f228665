import { join } from 'node:path';
import { execa } from 'execa';
import { AnswersError, FieldstationError, type Problem } from '../core/errors.js';
import { preflightFailure } from '../core/doctor/checks.js';
import type { Journal } from '../core/run/journal.js';
import type { RunEvent } from '../core/run/events.js';
import { formatCheck } from '../core/run/format.js';
import type { RandomBytes } from '../core/secrets/generate.js';
import type { Stack } from '../core/stack.js';
import type { Step } from '../core/steps/step.js';
import type { SecretChoice } from '../core/wizard/machine.js';
import type { AnswerValue } from '../core/questions/types.js';
import { readTextIfExists } from '../io/files.js';
import type { ApplyOutcome, BlockDevice, InstallStatus, PlanPreview, WizardPorts } from '../ui/ports.js';
import { applyPlan } from './apply.js';
import { bootstrap } from './bootstrap.js';
import { runPreflight, writePathsOf, type DoctorDeps } from './doctor.js';
import { loadInstalled, readInstallState, readJournal } from './install-state.js';
import { loadAnswersData, type LoadedAnswers } from './load-answers.js';
import { makePlan, type PlannedInstall } from './make-plan.js';
import { saveAnswers } from './save-answers.js';

export interface SessionOptions {
  readonly stack: Stack;
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly templatesDir: string;
  readonly random: RandomBytes;
  readonly now: () => Date;
  readonly toolVersion: string;
  /** Write the files only (--skip-bootstrap). */
  readonly skipBootstrap: boolean;
  readonly skipChecks: readonly string[];
  readonly identity: Pick<DoctorDeps, 'uid' | 'groups'>;
  readonly http?: { connectTo: { host: string; port: number } };
  readonly confirmDestructive: (step: Step) => Promise<boolean>;
}

/** What DIR holds: nothing of ours, or an install whose answers can be the starting point. */
export async function inspectInstall(stack: Stack, dir: string, env: Readonly<Record<string, string | undefined>>): Promise<InstallStatus> {
  const hasState = (await readTextIfExists(join(dir, '.fieldstation', 'state.json'))) !== undefined;
  if (!hasState) {
    // The server's files written by hand (or by another tool): reconfiguring keeps their secrets.
    const found = await Promise.all(stack.files.filter((f) => typeof f.path === 'string').map((f) => readTextIfExists(join(dir, f.path as string))));
    return found.some((t) => t !== undefined) ? { kind: 'installed', answers: {}, secrets: {}, unfinished: undefined } : { kind: 'fresh' };
  }
  const state = await readInstallState(dir, 'Run `fieldstation setup` in an empty folder, or fix the file.');
  const secrets: Record<string, SecretChoice> = {};
  // Given by the user before (typed, env or file): the value in use is the starting point.
  const inUse = await loadInstalled(dir, env).then((i) => i.input.secrets, () => undefined);
  for (const q of stack.questions) {
    if (q.kind !== 'secret' || !(q.id in state.secrets)) continue;
    const source = state.secrets[q.id];
    if (typeof source === 'object' && source !== null && 'generate' in source) {
      secrets[q.id] = { kind: 'generate' };
    } else {
      const value = inUse?.[q.id]?.reveal();
      if (value) secrets[q.id] = { kind: 'value', value };
    }
  }
  const journal = await readJournal(dir);
  let unfinished: { failedStep?: string; updatedAt: string } | undefined;
  if (journal && journal.status !== 'succeeded') {
    const stopped = Object.entries(journal.steps).find(([, r]) => r.status === 'failed' || r.status === 'interrupted')?.[0];
    unfinished = { updatedAt: journal.updatedAt, ...(stopped ? { failedStep: stopped } : {}) };
  }
  return { kind: 'installed', answers: state.answers as Record<string, AnswerValue>, secrets, unfinished };
}

/**
 * The ports of an interactive session: the same read → plan → apply as `fieldstation apply`, with the
 * plan that was shown being exactly the one applied (the secrets generated for the preview are kept).
 */
export async function createWizardSession(o: SessionOptions): Promise<WizardPorts> {
  const install = await inspectInstall(o.stack, o.dir, o.env);
  let last: { key: string; loaded: LoadedAnswers; planned: PlannedInstall } | undefined;
  const resumeCommand = `fieldstation resume --dir ${o.dir}`;

  const planFor = async (data: Record<string, unknown>) => {
    const key = JSON.stringify(data);
    if (last?.key === key) return last;
    const loaded = await loadAnswersData(o.stack, data, o.env, join(o.dir, '.fieldstation'));
    const planned = await makePlan(loaded, { dir: o.dir, templatesDir: o.templatesDir, random: o.random });
    last = { key, loaded, planned };
    return last;
  };

  const preflight = async (steps: readonly Step[], input: PlannedInstall['input'], previous: Journal | undefined): Promise<string | undefined> => {
    const results = await runPreflight(o.stack.requirements(input), { env: o.env, ...o.identity, writePaths: writePathsOf(o.dir, steps) }, { skip: o.skipChecks, previous });
    return preflightFailure(results, 'fieldstation setup')?.message;
  };

  const runSteps = async (steps: readonly Step[], mask: (t: string) => string, emit: (e: RunEvent) => void, signal: AbortSignal, resume: Awaited<ReturnType<typeof readJournal>>) =>
    bootstrap({ stack: o.stack.id, dir: o.dir, steps, mask, env: o.env, now: o.now, signal, emit, confirmDestructive: o.confirmDestructive, ...(resume ? { resume } : {}), ...(o.http ? { http: o.http } : {}) });

  return {
    stack: o.stack,
    dir: o.dir,
    install,
    async preview(data) {
      try {
        const { planned } = await planFor(data);
        const p = planned.plan;
        const plan: PlanPreview = {
          files: p.files.map((f) => ({ path: f.path, status: f.status, description: f.description, secret: f.secret, diff: f.diff })),
          steps: o.skipBootstrap ? [] : p.steps.map((s) => ({ id: s.id, title: s.title })),
          notes: p.notes.map(planned.mask),
          warnings: p.warnings,
          blocked: p.blocked.map((b) => `${b.path} ${b.reason}`),
        };
        return { ok: true, plan };
      } catch (error) {
        if (error instanceof AnswersError) return { ok: false, problems: error.problems };
        if (error instanceof FieldstationError) return { ok: false, problems: [{ path: '', severity: 'error', message: error.message, fix: error.hints.join(' ') }] satisfies Problem[] };
        throw error;
      }
    },
    async apply(data, emit, signal) {
      const { loaded, planned } = await planFor(data);
      const base = { written: [] as string[], notes: planned.plan.notes.map(planned.mask), resumeCommand };
      if (planned.plan.blocked.length) return { ...base, status: 'refused', message: `Nothing was written: ${planned.plan.blocked.map((b) => `${b.path} ${b.reason}`).join('; ')}.` };
      const previous = await readJournal(o.dir);
      if (!o.skipBootstrap) {
        const refused = await preflight(planned.plan.steps, planned.input, previous);
        if (refused) return { ...base, status: 'refused', message: refused };
      }
      const result = await applyPlan(planned.plan, loaded, { now: o.now(), toolVersion: o.toolVersion, mask: planned.mask });
      const answersPath = await saveAnswers(o.dir, o.stack, data, o.now());
      const done = { ...base, written: result.written, answersPath };
      if (o.skipBootstrap) return { ...done, status: 'written' };
      const run = await runSteps(planned.plan.steps, planned.mask, emit, signal, undefined);
      return { ...done, status: run.status, logPath: run.logPath, notes: [...run.checks.map(formatCheck), ...done.notes], ...(run.failed ? { failed: run.failed } : {}) } satisfies ApplyOutcome;
    },
    async resume(emit, signal) {
      const installed = await loadInstalled(o.dir, o.env);
      const journal = await readJournal(o.dir);
      const base = { written: [], notes: [], resumeCommand };
      if (!journal || journal.status === 'succeeded') return { ...base, status: 'succeeded', message: 'Nothing to resume: the last bootstrap finished.' };
      const steps = installed.stack.steps(installed.input);
      const refused = await preflight(steps, installed.input, journal);
      if (refused) return { ...base, status: 'refused', message: refused };
      const run = await runSteps(steps, installed.mask, emit, signal, journal);
      return { ...base, status: run.status, logPath: run.logPath, ...(run.failed ? { failed: run.failed } : {}), notes: [...run.checks.map(formatCheck), ...(installed.stack.notes?.(installed.input) ?? []).map(installed.mask)] };
    },
    listDevices,
  };
}

/** Block devices from lsblk: the device question shows what each one is before anything is formatted. */
export async function listDevices(): Promise<readonly BlockDevice[]> {
  const r = await execa('lsblk', ['--json', '--paths', '--output', 'PATH,SIZE,MODEL,MOUNTPOINT,FSTYPE,TYPE'], { reject: false, timeout: 5000 });
  if (r.failed) return [];
  type Row = { path: string; size: string | null; model: string | null; mountpoint: string | null; fstype: string | null; type: string; children?: Row[] };
  const rows: Row[] = [];
  const walk = (list: Row[] | undefined) => list?.forEach((d) => (rows.push(d), walk(d.children)));
  walk((JSON.parse(String(r.stdout)) as { blockdevices?: Row[] }).blockdevices);
  return rows.filter((d) => d.type === 'disk' || d.type === 'part').map((d) => ({ path: d.path, size: d.size ?? '?', model: d.model?.trim() ?? '', mounted: d.mountpoint ?? undefined, filesystem: d.fstype ?? undefined }));
}
