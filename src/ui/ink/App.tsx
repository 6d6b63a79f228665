import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../../core/errors.js';
import type { AnswerValue } from '../../core/questions/types.js';
import { currentQuestion, parseTyped, reduce, start, toAnswersData, type SecretChoice, type WizardEvent, type WizardState } from '../../core/wizard/machine.js';
import type { ApplyOutcome, PlanPreview, TerminalInfo, WizardPorts } from '../ports.js';
import { escapeFromEdit } from './edit-escape.js';
import { exitCodeFor, WizardExit } from '../exit-code.js';
import { createKeyBus } from './key-bus.js';
import { PlanScreen } from './PlanScreen.js';
import { ProgressScreen } from './ProgressScreen.js';
import { QuestionScreen } from './QuestionScreen.js';
import { CONTINUE, ReviewScreen } from './ReviewScreen.js';
import { StartScreen, type StartChoice } from './StartScreen.js';
import { SummaryScreen } from './SummaryScreen.js';
import { themeFor } from './theme.js';
import { UiContext, type Ui } from './ui-context.js';
import { useBootstrapRun, type StartRun } from './use-bootstrap-run.js';
import { useLatest } from './use-latest.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly ports: WizardPorts;
  readonly terminal: TerminalInfo;
  /** Told the exit code once, as the app exits (0 done, 3 refused, 4 a step failed, 130 cancelled). */
  readonly onExit?: ((code: number) => void) | undefined;
  /**
   * Milliseconds since the epoch, for the running steps' clocks.
   * @default Date.now
   */
  readonly now?: (() => number) | undefined;
  /**
   * Spinners turn and running clocks tick; off in tests, so frames only change on input and events.
   * @default true
   */
  readonly animate?: boolean | undefined;
  /**
   * Aborted from outside (SIGTERM, or SIGHUP when the SSH session drops): a running bootstrap is stopped
   * like with Ctrl-C and its summary follows; before it runs, the wizard ends at once with 130.
   */
  readonly signal?: AbortSignal | undefined;
}

type Screen =
  | { readonly kind: 'start' }
  /** A question, or the review screen when the machine has none to ask. */
  | { readonly kind: 'wizard' }
  | { readonly kind: 'plan'; readonly plan: PlanPreview; readonly data: Record<string, unknown> }
  | { readonly kind: 'progress' }
  | { readonly kind: 'summary'; readonly outcome: ApplyOutcome };

/**
 * The wizard: start menu (for an existing install), questions, review, plan, progress and summary. It holds
 * no rules of its own: the machine decides what to ask and whether an answer is valid, the ports check,
 * plan, apply and resume. Keys that arrive together are applied one by one, in order, each to the screen
 * it was meant for (key-bus.ts); state that key handlers read lives in refs (useLatest), and each callback
 * still checks that its screen or question is the one shown (ecosystem.md §4.3).
 */
export function App({ ports, terminal, onExit, now = Date.now, animate = true, signal }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const theme = useMemo(() => themeFor(terminal), [terminal]);
  // Every key goes through one bus (key-bus.ts): the app's own keys first, then the fields.
  const intercept = useRef<(input: string, key: Key) => boolean>(() => false);
  const [, setHolds] = useState(0);
  const keys = useMemo(() => createKeyBus({ intercept: (input, key) => intercept.current(input, key), onHold: () => setHolds((n) => n + 1) }), []);
  const ui: Ui = { theme, columns: size.columns, rows: size.rows, keys, animate, now };
  const { stack } = ports;
  const installed = ports.install.kind === 'installed' ? ports.install : undefined;

  const screen = useLatest<Screen>(() => (installed ? { kind: 'start' } : { kind: 'wizard' }));
  const wizard = useLatest<WizardState>(() => start(stack.questions));
  const [typedError, setTypedError] = useState<{ readonly id: string; readonly message: string } | undefined>();
  const [checking, setChecking] = useState(false);
  const checkingNow = useRef(false);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [reviewKey, setReviewKey] = useState<string>(CONTINUE);
  const editStart = useRef<WizardState | undefined>(undefined);
  const quitting = useRef(false);
  const [quitAsked, setQuitAsked] = useState(false);
  const ended = useRef(false);
  const listDevices = useCallback(() => ports.listDevices(), [ports]);

  const finish = (code: number) => {
    if (ended.current) return;
    ended.current = true;
    onExit?.(code);
    exit(code);
  };
  /** A port failed unexpectedly (a bug, not a user's problem): the app ends and runInkWizard rejects. */
  const fail = (error: unknown) => {
    if (ended.current) return;
    ended.current = true;
    exit(error instanceof Error ? error : new Error(String(error)));
  };

  const dispatch = (event: WizardEvent) => wizard.set(reduce(wizard.ref.current, event));
  const showing = (id: string) => screen.ref.current.kind === 'wizard' && wizard.ref.current.current === id;
  const onReview = () => screen.ref.current.kind === 'wizard' && wizard.ref.current.current === undefined && !checkingNow.current;

  const answerText = (id: string, text: string) => {
    const q = currentQuestion(wizard.ref.current);
    if (!showing(id) || !q || q.kind === 'secret') return;
    const parsed = parseTyped(q, text);
    if ('error' in parsed) {
      setTypedError({ id, message: parsed.error });
      return;
    }
    setTypedError(undefined);
    dispatch({ type: 'answer', value: parsed.value });
  };
  const answerValue = (id: string, value: AnswerValue) => {
    if (!showing(id)) return;
    setTypedError(undefined);
    dispatch({ type: 'answer', value });
  };
  const answerSecret = (id: string, choice: SecretChoice) => {
    if (showing(id)) dispatch({ type: 'secret', choice });
  };
  const back = (id: string) => {
    if (!showing(id)) return;
    setTypedError(undefined);
    const s = wizard.ref.current;
    const before = editStart.current;
    if (s.editing && before) {
      const step = escapeFromEdit(before, s);
      if (step === 'restore') wizard.set(before);
      else dispatch(step);
      return;
    }
    dispatch({ type: 'back' });
  };

  const edit = (id: string) => {
    if (!onReview()) return;
    editStart.current = wizard.ref.current;
    setProblems([]);
    setReviewKey(id);
    dispatch({ type: 'edit', id });
  };
  const reviewBack = () => {
    if (onReview()) dispatch({ type: 'back' });
  };
  const checkAndPlan = () => {
    if (!onReview()) return;
    const data = toAnswersData(wizard.ref.current, stack.id);
    checkingNow.current = true;
    setChecking(true);
    setProblems([]);
    ports.preview(data).then((result) => {
      checkingNow.current = false;
      if (ended.current) return;
      setChecking(false);
      if (result.ok) screen.set({ kind: 'plan', plan: result.plan, data });
      else setProblems(result.problems);
    }, fail);
  };

  const bootstrap = useBootstrapRun({ outcome: (outcome) => screen.set({ kind: 'summary', outcome }), error: fail, ended: () => ended.current });
  const run = (start: StartRun) => {
    screen.set({ kind: 'progress' });
    bootstrap.start(start);
  };
  const apply = () => {
    const s = screen.ref.current;
    if (s.kind === 'plan') run((emit, signal) => ports.apply(s.data, emit, signal));
  };
  const planBack = () => {
    if (screen.ref.current.kind !== 'plan') return;
    setReviewKey(CONTINUE);
    screen.set({ kind: 'wizard' });
  };
  const choose = (choice: StartChoice) => {
    if (screen.ref.current.kind !== 'start' || !installed) return;
    if (choice === 'quit') finish(WizardExit.cancelled);
    else if (choice === 'resume') run((emit, signal) => ports.resume(emit, signal));
    else if (choice === 'reconfigure') {
      wizard.set(start(stack.questions, { answers: { ...installed.answers }, secrets: { ...installed.secrets } }));
      screen.set({ kind: 'wizard' });
    }
  };

  // Stopped from outside (SIGTERM, SIGHUP): like Ctrl-C while the bootstrap runs, else quit at once.
  const stopped = useRef(() => {});
  stopped.current = () => {
    const kind = screen.ref.current.kind;
    if (kind === 'progress') bootstrap.stop();
    else if (kind !== 'summary') finish(WizardExit.cancelled);
  };
  useEffect(() => {
    if (!signal) return;
    const onAbort = () => stopped.current();
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }, [signal]);

  // Ctrl-C: while the bootstrap runs, ask the runner to stop (the summary follows); before, ask whether
  // to quit, and keep every key from the fields until that is answered. Ink's own Ctrl-C exit is off
  // (exitOnCtrlC: false). Keys on the progress and summary screens have no other use.
  intercept.current = (input, key) => {
    const ctrlC = key.ctrl && input === 'c';
    const kind = screen.ref.current.kind;
    if (kind === 'progress' || kind === 'summary') {
      if (ctrlC && kind === 'progress') bootstrap.stop();
      return true;
    }
    if (!quitting.current) {
      if (!ctrlC) return false;
      quitting.current = true;
      setQuitAsked(true);
      return true;
    }
    // y (or Ctrl-C again) quits; any other key is "no".
    if (ctrlC || /^y/iu.test(input)) finish(WizardExit.cancelled);
    else {
      quitting.current = false;
      setQuitAsked(false);
      keys.hold(); // the fields subscribe again after this render
    }
    return true;
  };
  useInput((input, key) => keys.deliver(input, key));
  // After each commit the screen now shown has subscribed its fields (children's effects run first):
  // keys held back since a field handed its answer on go to them now.
  useEffect(() => keys.release());

  const title = `${stack.title}${theme.glyphs.sep}${ports.dir}`;
  const active = !quitAsked;
  const current = screen.value;
  let body: ReactNode;
  switch (current.kind) {
    case 'start':
      body = installed && <StartScreen install={installed} stackTitle={stack.title} dir={ports.dir} isActive={active} onChoose={choose} />;
      break;
    case 'wizard': {
      const s = wizard.value;
      const q = currentQuestion(s);
      body = q ? (
        <QuestionScreen
          key={q.id}
          state={s}
          title={title}
          error={typedError?.id === q.id ? typedError.message : s.error}
          isActive={active}
          listDevices={listDevices}
          onText={(text) => answerText(q.id, text)}
          onValue={(value) => answerValue(q.id, value)}
          onSecret={(choice) => answerSecret(q.id, choice)}
          onBack={() => back(q.id)}
        />
      ) : (
        <ReviewScreen state={s} title={title} isActive={active} checking={checking} problems={problems} initialKey={reviewKey} onEdit={edit} onContinue={checkAndPlan} onBack={reviewBack} />
      );
      break;
    }
    case 'plan':
      body = <PlanScreen plan={current.plan} title={title} isActive={active} onApply={apply} onBack={planBack} />;
      break;
    case 'progress':
      body = <ProgressScreen model={bootstrap.model} title={title} stopping={bootstrap.stopping} />;
      break;
    case 'summary':
      body = <SummaryScreen outcome={current.outcome} model={bootstrap.model} stackTitle={stack.title} onShown={() => finish(exitCodeFor(current.outcome))} />;
      break;
  }
  return (
    <UiContext.Provider value={ui}>
      <Box flexDirection="column">
        {body}
        {quitAsked && (
          <Box marginTop={1}>
            <Text color={theme.tone('warn')} bold>
              Quit? Nothing has been written. (y/N)
            </Text>
          </Box>
        )}
      </Box>
    </UiContext.Provider>
  );
}
