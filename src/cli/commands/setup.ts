import { join, resolve } from 'node:path';
import { createWizardSession } from '../../app/wizard-session.js';
import { UsageError } from '../../core/errors.js';
import { defaultOf, generateSpecOf, type AnswerValue, type Question } from '../../core/questions/types.js';
import { visibleQuestions } from '../../core/wizard/machine.js';
import { checkSkipNames } from '../../core/doctor/checks.js';
import type { Stack } from '../../core/stack.js';
import { loadStack, STACK_IDS } from '../../stacks/index.js';
import { parseOptions } from '../args.js';
import { confirm } from '../confirm.js';
import type { CliContext } from '../context.js';
import { toolVersion } from '../version.js';
import { parseConnectTo } from '../run-bootstrap.js';
import { detectTerminal } from '../terminal.js';
import { processIdentity } from './doctor.js';

/**
 * The interactive wizard: questions, review with the plan's diffs, then apply with live progress. Ink when
 * the terminal can redraw, plain line prompts with --plain, TERM=dumb or CI; never a prompt without one.
 */
export async function setup(ctx: CliContext): Promise<number> {
  const opts = parseOptions('setup', ctx.args, {
    dir: { type: 'string' },
    stack: { type: 'string' },
    plain: { type: 'boolean' },
    'skip-bootstrap': { type: 'boolean' },
    'skip-check': { type: 'string', multiple: true },
    'connect-to': { type: 'string' },
    'yes-destructive': { type: 'boolean' },
  });
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const connectTo = parseConnectTo(opts['connect-to']);
  checkSkipNames(opts['skip-check'] ?? []);
  const stack = await chooseStack(opts.stack, dir);
  const terminal = detectTerminal(ctx.env);
  if (!terminal.interactive) throw noTerminal(stack, dir);
  const plain = Boolean(opts.plain) || !terminal.redraw;
  // Ink and React load only for the Ink wizard, from their own bundle (bin passes the loader; tests use
  // the sources). Started now, yoga's WebAssembly compiles while the folder is being looked at.
  const inkEntry = '../../ui/ink/index.js';
  const loadingUi = plain ? undefined : ((ctx.loadUi?.() ?? import(inkEntry)) as Promise<typeof import('../../ui/ink/index.js')>);
  // If looking at the folder fails first, a later failure to load must not go unhandled (it is awaited below).
  loadingUi?.catch(() => undefined);

  const ports = await createWizardSession({
    stack,
    dir,
    env: ctx.env,
    templatesDir: join(ctx.root, 'templates'),
    random: ctx.random,
    now: ctx.now,
    toolVersion: toolVersion(ctx.root),
    skipBootstrap: Boolean(opts['skip-bootstrap']),
    skipChecks: opts['skip-check'] ?? [],
    identity: processIdentity(),
    ...(connectTo ? { http: { connectTo } } : {}),
    confirmDestructive: async (step) => Boolean(opts['yes-destructive']) || confirm(ctx, `Step ${step.id} (${step.title}) changes or deletes data. Run it?`),
  });
  if (!loadingUi) {
    const { runPlainWizard } = await import('../../ui/plain/index.js');
    return withStopSignals((signal) => runPlainWizard(ports, terminal, { input: process.stdin, output: process.stdout, signal }));
  }
  const ui = await loadingUi;
  const code = await withStopSignals((signal) => ui.runInkWizard(ports, terminal, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signal }));
  // Ink leaves stdin flowing when it unmounts; paused, it no longer keeps the process alive.
  process.stdin.pause();
  return code;
}

/**
 * SIGINT, SIGTERM and SIGHUP (a dropped SSH session) become an abort: a question is cancelled with
 * nothing written, a running bootstrap stops its children cleanly. A second signal exits at once.
 */
async function withStopSignals<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => (controller.signal.aborted ? process.exit(130) : controller.abort(signal));
  for (const s of signals) process.on(s, onSignal);
  try {
    return await run(controller.signal);
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}

/** --stack, else the stack of an install in DIR, else the only stack there is. */
async function chooseStack(given: string | undefined, dir: string): Promise<Stack> {
  let id = given;
  if (id === undefined) {
    const { readInstallState } = await import('../../app/install-state.js');
    id = (await readInstallState(dir, '').catch(() => undefined))?.stack ?? (STACK_IDS.length === 1 ? STACK_IDS[0] : undefined);
  }
  const stack = id === undefined ? undefined : await loadStack(id);
  if (!stack) throw new UsageError(id === undefined ? 'setup: which server? Pass --stack.' : `setup: unknown stack "${id}".`, [`Use --stack with one of: ${STACK_IDS.join(', ')}.`]);
  return stack;
}

/** Without a terminal nobody can answer: name every answer that has no default, and how to give it. */
function noTerminal(stack: Stack, dir: string): UsageError {
  // The path taken with every default: e.g. remote S3, whose host and keys nobody can guess.
  const defaults: Record<string, AnswerValue> = {};
  for (const q of stack.questions) {
    const d = defaultOf(q, defaults);
    if (d !== undefined) defaults[q.id] = d;
  }
  const needsAnswer = (q: Question) => (q.kind === 'secret' ? generateSpecOf(q, defaults) === undefined : defaultOf(q, defaults) === undefined);
  const needed = visibleQuestions(stack.questions, defaults).filter(needsAnswer);
  const width = Math.max(...needed.map((q) => q.id.length));
  const lines = needed.map((q) => `  ${q.id.padEnd(width)}  ${q.prompt}${q.kind === 'secret' ? ' (a secret: {env: NAME} or {file: PATH})' : q.example !== undefined ? ` e.g. ${String(q.example)}` : ''}`);
  return new UsageError(`setup: there is no terminal to ask the questions, so nothing was asked or written. These ${stack.title} answers have no default:\n${lines.join('\n')}`, [
    `Write them in an answers file (start from examples/${stack.id}.yaml; every key: fieldstation questions --stack ${stack.id}),`,
    `then run: fieldstation apply --answers FILE --dir ${dir} --yes`,
  ]);
}

