import { resolve } from 'node:path';
import { createSession } from '../../app/session.js';
import type { AppDeps } from '../../app/ports.js';
import { loadStack, stackIds } from '../../app/stacks.js';
import { UsageError } from '../../core/errors.js';
import type { RunOutcome } from '../../core/session/outcome.js';
import { defaultOf, generateSpecOf, type AnswerValue, type Question } from '../../core/questions/types.js';
import { visibleQuestions } from '../../core/wizard/machine.js';
import { installStore, type InstallStore } from '../../io/store.js';
import { parseOptions } from '../args.js';
import { parseConnectTo } from '../connect-to.js';
import type { CliContext } from '../context.js';
import { appDeps } from '../deps.js';
import { printShownOnce } from '../shown-once.js';
import { onStopSignals } from '../stop-signals.js';
import { detectTerminal } from '../terminal.js';

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
    'wipe-device': { type: 'string', multiple: true },
  });
  const dir = resolve(ctx.cwd, opts.dir ?? '.');
  const connectTo = parseConnectTo(opts['connect-to']);
  const deps = appDeps(ctx, connectTo ? { connectTo } : {});
  const store = installStore(dir);
  const stackId = await chooseStack(ctx, opts.stack, store);
  const terminal = detectTerminal(ctx.env);
  if (!terminal.interactive) throw await noTerminal(deps, stackId, dir);
  const plain = Boolean(opts.plain) || !terminal.redraw;
  // Ink and React load only for the Ink wizard, from their own bundle (bin passes the loader; tests use
  // the sources). Started now, yoga's WebAssembly compiles while the folder is being looked at.
  const inkEntry = '../../ui/ink/index.js';
  const loadingUi = plain ? undefined : ((ctx.loadUi?.() ?? import(inkEntry)) as Promise<typeof import('../../ui/ink/index.js')>);
  // If looking at the folder fails first, a later failure to load must not go unhandled (it is awaited below).
  loadingUi?.catch(() => undefined);

  const session = createSession(deps, {
    dir,
    stackId,
    skipBootstrap: Boolean(opts['skip-bootstrap']),
    skipChecks: opts['skip-check'] ?? [],
    store,
    // Consent given by these flags runs a destructive step unasked; otherwise the session asks on its own
    // screen (a step that wipes a device not named by --wipe-device: its path typed back), never by a
    // second reader of the terminal the frontend reads.
    destructive: { yesDestructive: Boolean(opts['yes-destructive']), wipeDevices: opts['wipe-device'] ?? [] },
  });
  // SIGINT, SIGTERM and SIGHUP (a dropped SSH session): a running bootstrap stops its children cleanly;
  // at a question the session ends with nothing written and the answers saved as a draft. A second
  // signal exits at once.
  const removeSignals = onStopSignals(() => session.send({ type: 'interrupt' }));
  // The last run's outcome, as its summary showed it: the session's screen has moved on when it ends.
  let summary: RunOutcome | undefined;
  const stopWatching = session.subscribe(() => {
    const screen = session.state().screen;
    if (screen.kind === 'summary') summary = screen.outcome;
  });
  // A terminal that goes away does not always send us SIGHUP (the shell that started us gets it, and
  // may die without passing it on): the input's end is the same news. Writing to the gone terminal
  // fails (EIO): that must not end the process (an unhandled 'error') before the draft is saved or the
  // running step is stopped.
  const hungUp = () => {
    // Nothing can set the gone terminal's mode any more: readline's own cleanup (the plain prompts') would
    // get EIO and re-emit it on an interface nobody listens to, killing the process before the draft is saved.
    const tty = process.stdin as NodeJS.ReadStream;
    if (typeof tty.setRawMode === 'function') tty.setRawMode = () => tty;
    session.send({ type: 'interrupt' });
  };
  const gone = () => undefined;
  // First, before readline's own listener for the end of its input.
  process.stdin.prependOnceListener('end', hungUp);
  for (const stream of [process.stdout, process.stderr, process.stdin]) stream.on('error', gone);
  try {
    let code: number;
    if (!loadingUi) {
      const { runPlainWizard } = await import('../../ui/plain/index.js');
      code = await runPlainWizard(session, terminal, { input: process.stdin, output: process.stdout });
    } else {
      const ui = await loadingUi;
      code = await ui.runInkWizard(session, terminal, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
      // Ink leaves stdin flowing when it unmounts; paused, it no longer keeps the process alive.
      process.stdin.pause();
    }
    // After the wizard has let go of the terminal: what it generated for the admin to hand on, once.
    if (summary) printShownOnce(ctx, summary);
    return code;
  } finally {
    stopWatching();
    removeSignals();
    process.stdin.off('end', hungUp);
    for (const stream of [process.stdout, process.stderr, process.stdin]) stream.off('error', gone);
  }
}

/** --stack, else the server of an install in DIR, else undefined (the wizard asks, or takes the only one). */
async function chooseStack(ctx: CliContext, given: string | undefined, store: InstallStore): Promise<string | undefined> {
  const ids = stackIds(ctx);
  if (given !== undefined) {
    if (!ids.includes(given)) throw new UsageError(`setup: unknown server "${given}".`, [`Use --stack with one of: ${ids.join(', ')}.`]);
    return given;
  }
  return (await store.state().catch(() => undefined))?.stack;
}

/** Without a terminal nobody can answer: name every answer that has no default, and how to give it. */
async function noTerminal(deps: AppDeps, stackId: string | undefined, dir: string): Promise<UsageError> {
  const ids = stackIds(deps);
  const id = stackId ?? (ids.length === 1 ? ids[0] : undefined);
  if (id === undefined) {
    return new UsageError('setup: there is no terminal to ask the questions, so nothing was asked or written.', [
      `Write an answers file for one of the servers (${ids.join(', ')}; start from examples/), then run: fieldstation apply --answers FILE --dir ${dir} --yes`,
    ]);
  }
  const { stack } = await loadStack(deps, id);
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
    `Write them in an answers file (start from ${stack.examples[0] ?? 'examples/'}; every key: fieldstation questions --stack ${stack.id}),`,
    `then run: fieldstation apply --answers FILE --dir ${dir} --yes`,
  ]);
}
