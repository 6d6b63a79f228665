import type { CheckResult } from '../core/checks/check.js';
import type { ChecksChoice, InstallStatus, RunKind, StartChoice, StepQuestion, Unfinished } from '../core/session/flow.js';
import type { DraftSaved } from '../core/session/draft.js';
import { listWords } from '../core/checks/words.js';
import { deviceUse, identityRows } from '../core/devices/identity.js';
import { destructiveQuestion } from '../core/run/consent.js';
import { localTime } from '../io/local-time.js';

/**
 * The words of the session's own screens (the start screen, the failed checks, the confirmation before a
 * destructive step, the draft left behind),
 * the same in both frontends: each draws them its way, neither says something the other does not.
 */

/** One thing to choose, with what it does. */
export interface Option<T> {
  readonly value: T;
  readonly label: string;
  readonly description: string;
}

/** Why the last bootstrap did not finish, in a sentence: failed and interrupted are not the same trouble. */
export function unfinishedLine(u: Unfinished): string {
  const at = u.step ? ` at step ${u.step}` : '';
  const when = u.updatedAt ? ` (last recorded ${localTime(u.updatedAt)})` : '';
  switch (u.status) {
    case 'failed':
      return `The last bootstrap failed${at}${u.error ? `: ${u.error}` : ''}${when}. Fix the cause, then resume it.`;
    case 'interrupted':
      return `The last bootstrap was interrupted${at}${when}: stopped by Ctrl-C or a signal, or cut off with its session. Nothing failed; resume it.`;
    case 'not-run':
      return 'The files are written, but the bootstrap has not run yet.';
  }
}

/** A draft found in the folder, in a sentence. */
export function draftLine(install: InstallStatus): string | undefined {
  const d = install.draft;
  if (!d) return undefined;
  const n = Object.keys(d.answers).length + Object.keys(d.secrets).length;
  const lost = d.lost.length ? ` The typed ${d.lost.length === 1 ? 'secret' : 'secrets'} ${listWords(d.lost)} ${d.lost.length === 1 ? 'is' : 'are'} gone from it and will be asked again.` : '';
  return `Answers you left unfinished are saved here (${n} answer${n === 1 ? '' : 's'}, ${localTime(d.savedAt)}).${lost}`;
}

/** The start screen's choices, as the session offers them (startChoices), in words. */
export function startOption(choice: StartChoice, install: InstallStatus): Option<StartChoice> {
  const installed = install.kind === 'installed';
  switch (choice) {
    case 'continue-draft':
      return { value: choice, label: 'Continue where you left off', description: 'Your unfinished answers, each open to change; nothing is written before you confirm the plan.' };
    case 'discard-draft':
      return { value: choice, label: installed ? 'Discard them and reconfigure from the recorded answers' : 'Discard them and start again', description: 'The unfinished answers (and the secrets typed into them) are deleted.' };
    case 'reconfigure':
      return { value: choice, label: 'Reconfigure: start from the recorded answers', description: 'Every answer of the last apply, on the review; secrets are kept as they are unless you change them.' };
    case 'resume': {
      const notRun = install.kind === 'installed' && install.unfinished?.status === 'not-run';
      return notRun
        ? { value: choice, label: 'Run the bootstrap', description: 'With the files already written; the machine is checked first.' }
        : { value: choice, label: 'Resume the unfinished bootstrap', description: 'Continue at the first step that did not finish; finished steps are not redone.' };
    }
    case 'quit':
      return { value: choice, label: 'Quit', description: 'Change nothing.' };
  }
}

/** What the failed checks' screen offers, in order: each failed check to skip, then check again, files only, back. */
export function checksOptions(results: readonly CheckResult[], run: RunKind, dir: string): Option<ChecksChoice>[] {
  const failed = results.filter((r) => r.status === 'fail');
  return [
    { value: { kind: 'again' }, label: 'Check again', description: 'Once you have applied a fix: the machine is measured again.' },
    ...failed.map((r): Option<ChecksChoice> => ({
      value: { kind: 'skip', name: r.name },
      label: `Skip ${r.name} and go on`,
      description: `What will break: ${r.ifSkipped ?? 'the steps that need it may fail.'}`,
    })),
    ...(run === 'install'
      ? [{ value: { kind: 'files-only' } as const, label: 'Write the files only; run the bootstrap later', description: `The answers are saved in ${dir}/.fieldstation/answers.yaml (typed secrets as 0600 files); the summary gives the command.` }]
      : []),
    run === 'install'
      ? { value: { kind: 'back' }, label: 'Back to the review', description: 'Nothing is written; every answer is kept.' }
      : { value: { kind: 'back' }, label: 'Back to the start', description: 'No step is run.' },
  ];
}

/** The heading of the failed checks' screen. */
export const checksHeading = (results: readonly CheckResult[]): string => {
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.name);
  return `The machine is not ready: ${listWords(failed)} failed. Nothing has been written, and every answer is kept.`;
};

/** The session's last words about its draft: where the answers are, and where each typed secret is, or that it is lost. */
export function draftLines(saved: DraftSaved, dir: string): string[] {
  if (saved.error !== undefined) return [`Your answers could not be saved in ${saved.path} (${saved.error}): they are lost.`];
  const secrets = saved.secretFiles.length
    ? `The secrets you typed (${listWords(saved.secretFiles)}) are not in it: each is a file in ${saved.secretsDir}/, mode 0600.`
    : 'No secret value is in it (none was typed; generated ones are made when you apply).';
  return [`Your answers so far are saved in ${saved.path} (mode 0600). ${secrets}`, `Run \`fieldstation setup --dir ${dir}\` to continue them (or to discard them).`];
}

/** Asked after Ctrl-C while the bootstrap runs (SIGTERM and SIGHUP stop it without asking: nobody is there to ask). */
export const STOP_QUESTION = 'Stop the bootstrap? The running step is stopped cleanly and finished steps are kept; `fieldstation resume` continues. (y/N)';

/** The confirmation before a destructive step, in words: what it does, what is on the device, what to answer. */
export interface StepQuestionWords {
  readonly heading: string;
  /** The device's identity, row by row (label, value); or why it could not be read. */
  readonly facts: readonly (readonly [string, string])[];
  /** Why the device looks in use (mounted, partitioned, a filesystem on it...), one line. */
  readonly inUse: string | undefined;
  /** What answering does. */
  readonly ask: string;
}

export function stepQuestionWords(q: StepQuestion): StepQuestionWords {
  const name = `Step ${q.step.id} (${q.step.title})`;
  if (q.kind === 'yes-no') return { heading: destructiveQuestion(q.step), facts: [], inUse: undefined, ask: 'No (the default) stops the bootstrap before it: nothing of it is done, and resuming asks again.' };
  const reasons = q.identity ? deviceUse(q.identity).reasons : [];
  return {
    heading: `${name} wipes ${q.device}: everything on it will be erased.`,
    facts: q.identity ? identityRows(q.identity) : [['Device', `${q.device}: what is on it could not be read (${q.unreadable ?? 'unknown error'}); the step may fail on it too`]],
    inUse: reasons.length ? `It is in use: ${reasons.join('; ')}.` : undefined,
    ask: `Type the device path (${q.device}) to erase it. Anything else does not run the step: the bootstrap stops before it, and resuming asks again.`,
  };
}

/** The yes-no confirmation's two answers, no first: it is the default. */
export const stepChoices = (q: StepQuestion): Option<boolean>[] => [
  { value: false, label: 'No, do not run it', description: 'The bootstrap stops before it; resume it later.' },
  { value: true, label: `Yes, run ${q.step.id}`, description: 'It runs now, then the bootstrap goes on.' },
];

/** A destructive step the person did not confirm: what was (not) done, for the summary and line mode. */
export function declinedLine(q: StepQuestion): string {
  const name = `Step ${q.step.id} (${q.step.title}) was not run`;
  return q.kind === 'yes-no'
    ? `${name}: it was not confirmed, so the bootstrap stopped before it and nothing of it was done. Resuming asks again.`
    : `${name}: its device path was not typed back, so the bootstrap stopped before it and nothing on ${q.device} was touched. Resuming asks again.`;
}
