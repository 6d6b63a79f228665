import { resolve } from 'node:path';
import type { Answers, Question } from '../core/questions/types.js';
import { formatCheck } from '../core/run/format.js';
import type { SessionState, StepQuestion } from '../core/session/flow.js';
import type { RunOutcome } from '../core/session/outcome.js';
import { visibleQuestions } from '../core/wizard/machine.js';
import { declinedLine } from './session-words.js';

/** The files a run wrote, for the summary. */
export const writtenFiles = (o: RunOutcome): readonly string[] => o.files?.written ?? [];

/** What the summary lists under "Next steps": the health gates passed, then the stack's notes. */
export const nextSteps = (o: RunOutcome): readonly string[] => [...o.checks.map(formatCheck), ...o.notes];

/** What the summary needs beyond the outcome: the server's questions and the answers the run used. */
export interface SummaryFacts {
  readonly questions: readonly Question[];
  readonly answers: Answers;
  /** The destructive step the run stopped before, not confirmed. */
  readonly declined?: StepQuestion | undefined;
}

/** The facts from the session: the wizard's answers, or (resuming) those the last apply recorded. */
export function summaryFacts(s: SessionState): SummaryFacts | undefined {
  if (!s.stack) return undefined;
  const answers = s.wizard?.answers ?? (s.install?.kind === 'installed' ? s.install.answers : {});
  return { questions: s.stack.questions, answers, declined: s.declined };
}

/**
 * What the end of a run tells beyond how it went, the same in both frontends: where things are (the
 * files holding the credentials, by path and key, never a value; the backups; the saved answers), what
 * was left out on purpose, and the command to run next.
 */
export interface SummaryDetails {
  /** Why the run stopped when it was not a failure or a Ctrl-C: a destructive step not confirmed. */
  readonly stopped?: string;
  readonly where: readonly string[];
  readonly skipped: readonly string[];
  readonly next?: { readonly why: string; readonly command: string };
}

export function summaryDetails(o: RunOutcome, dir: string, facts: SummaryFacts | undefined): SummaryDetails {
  if (o.status === 'refused' || o.status === 'declined') return { where: [], skipped: [] };
  // The files hold the secrets once this run wrote them, or a bootstrap ran on them (resume writes none).
  const filesThere = o.files !== undefined || o.logPath !== undefined;
  const where = [
    ...(filesThere && facts ? credentials(facts, dir) : []),
    ...(o.files?.backupDir ? [`Backups: the previous version of each file it replaced is in ${o.files.backupDir}`] : []),
    ...(o.answersPath ? [`Your answers: ${o.answersPath} (secrets only as references)`] : []),
  ];
  const skipped = [
    ...(o.status === 'written' ? ['The bootstrap (files only, as asked): no step ran, nothing was started.'] : []),
    ...(facts ? declined(facts).map((q) => `${q.prompt} No (${q.id}). To do it later, run \`fieldstation setup --dir ${dir}\` again and answer yes.`) : []),
  ];
  const stopped = o.status === 'interrupted' && facts?.declined ? { stopped: declinedLine(facts.declined) } : {};
  return { ...stopped, where, skipped, ...nextCommand(o, dir) };
}

/** Each file that holds secrets, with the keys it holds them under; and the secrets no file keeps. */
function credentials({ questions, answers }: SummaryFacts, dir: string): string[] {
  const byFile = new Map<string, string[]>();
  const unkept: string[] = [];
  for (const q of visibleQuestions(questions, answers)) {
    if (q.kind !== 'secret') continue;
    const stored = q.secret.storedIn;
    if (!stored) unkept.push(q.id);
    else byFile.set(stored.file, [...(byFile.get(stored.file) ?? []), stored.key]);
  }
  return [
    ...[...byFile].map(([file, keys]) => `Credentials: ${resolve(dir, file)} (${keys.join(', ')})`),
    ...(byFile.size ? ['The secret values are only in those files: never shown here, nor logged.'] : []),
    ...(unkept.length ? [`Not kept in any file: ${unkept.join(', ')}; keep your own copy`] : []),
  ];
}

/**
 * Yes/no answers that left something out: answered no where yes would have asked more (a first user, say).
 * Only those: a no that changes nothing else is an answer, not a skipped part.
 */
function declined({ questions, answers }: SummaryFacts): Question[] {
  const asked = visibleQuestions(questions, answers);
  const ids = new Set(asked.map((q) => q.id));
  return asked.filter((q) => q.kind === 'boolean' && answers[q.id] === false && visibleQuestions(questions, { ...answers, [q.id]: true }).some((x) => !ids.has(x.id)));
}

function nextCommand(o: RunOutcome, dir: string): Pick<SummaryDetails, 'next'> {
  switch (o.status) {
    case 'written':
      return { next: { why: 'To run the bootstrap (the files stay as they are)', command: o.answersPath ? `fieldstation apply --answers ${o.answersPath} --dir ${dir}` : `fieldstation setup --dir ${dir}` } };
    case 'succeeded':
      return { next: { why: 'To change an answer later (it starts from these)', command: `fieldstation setup --dir ${dir}` } };
    case 'failed':
    case 'interrupted':
      return { next: { why: 'To continue where it stopped', command: o.resumeCommand } };
    default:
      return {};
  }
}
