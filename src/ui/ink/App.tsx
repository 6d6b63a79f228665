import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Session } from '../../app/session.js';
import type { AnswerValue } from '../../core/questions/types.js';
import { hasUnsavedAnswers, startChoices, type Screen, type SessionState, type StartChoice } from '../../core/session/flow.js';
import { currentQuestion, parseTyped, type SecretChoice, type WizardState } from '../../core/wizard/machine.js';
import { summaryDetails, summaryFacts } from '../summary.js';
import type { TerminalInfo } from '../terminal-info.js';
import { escapeFromEdit } from './edit-escape.js';
import { createKeyBus } from './key-bus.js';
import type { Key } from './keys.js';
import { PlanScreen } from './PlanScreen.js';
import { ProgressScreen } from './ProgressScreen.js';
import { QuestionScreen } from './QuestionScreen.js';
import { ReviewScreen } from './ReviewScreen.js';
import { ServerPicker } from './ServerPicker.js';
import { PreflightScreen } from './PreflightScreen.js';
import { STOP_QUESTION } from '../session-words.js';
import { SessionNotes } from './SessionNotes.js';
import { StartScreen } from './StartScreen.js';
import { StepConfirmScreen } from './StepConfirmScreen.js';
import { SummaryScreen } from './SummaryScreen.js';
import { themeFor } from './theme.js';
import { UiContext, type Ui } from './ui-context.js';
import { useTerminalInput } from './use-terminal-input.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly session: Session;
  readonly terminal: TerminalInfo;
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
}

/**
 * The Ink wizard: it draws the session's screen and hands it what the person does. Which screen comes
 * next, what is asked and checked, and what runs, is the session's (src/core/session/flow.ts); this holds
 * only how things look and are typed. Keys that arrive together are applied one by one, in order, each to
 * the screen it was meant for (key-bus.ts); each callback checks that its screen or question is still the
 * one shown, because several keys can arrive before React renders again.
 */
export function App({ session, terminal, now = Date.now, animate = true }: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const theme = useMemo(() => themeFor(terminal), [terminal]);
  const intercept = useRef<(input: string, key: Key) => boolean>(() => false);
  const [, setHolds] = useState(0);
  const keys = useMemo(() => createKeyBus({ intercept: (input, key) => intercept.current(input, key), onHold: () => setHolds((n) => n + 1) }), []);
  const cursors = useRef(new Map<string, string>()).current;
  const ui: Ui = { theme, columns: size.columns, rows: size.rows, keys, cursors, animate, now };
  const state = useSyncExternalStore(session.subscribe, session.state);
  const [typedError, setTypedError] = useState<{ readonly id: string; readonly message: string } | undefined>();
  const [showKeys, setShowKeys] = useState(false);
  const [dismissed, setDismissed] = useState<SessionState | undefined>(undefined);
  const editStart = useRef<WizardState | undefined>(undefined);
  // The question on screen after a Ctrl-C: quit (before anything runs) or stop the running bootstrap.
  const asking = useRef<'quit' | 'stop' | undefined>(undefined);
  const [asked, setAsked] = useState<'quit' | 'stop' | undefined>(undefined);
  const ask = (what: 'quit' | 'stop' | undefined) => {
    asking.current = what;
    setAsked(what);
  };
  const listDevices = useCallback(() => session.listDevices(), [session]);
  // The screen to draw once the session is done: the last one shown (the summary stays in the terminal).
  const lastShown = useRef<Screen>(state.screen);
  if (state.screen.kind !== 'done' && state.screen.kind !== 'saving') lastShown.current = state.screen;

  useEffect(() => {
    if (state.screen.kind === 'done') exit();
  }, [state.screen.kind, exit]);
  // A stop question left open when a step's confirmation came is gone with it, however that is answered.
  useEffect(() => {
    if (state.screen.kind === 'confirm-step' && asking.current !== undefined) ask(undefined);
  }, [state.screen.kind]);

  const live = () => session.state();
  const showing = (id: string) => live().screen.kind === 'wizard' && live().wizard?.current === id;
  const onReview = () => {
    const s = live();
    return s.screen.kind === 'wizard' && !s.screen.checking && s.wizard?.current === undefined;
  };

  const answerText = (id: string, text: string) => {
    const q = live().wizard && currentQuestion(live().wizard!);
    if (!showing(id) || !q || q.kind === 'secret') return;
    const parsed = parseTyped(q, text);
    if ('error' in parsed) {
      setTypedError({ id, message: parsed.error });
      return;
    }
    setTypedError(undefined);
    session.send({ type: 'wizard', event: { type: 'answer', value: parsed.value } });
  };
  const answerValue = (id: string, value: AnswerValue) => {
    if (!showing(id)) return;
    setTypedError(undefined);
    session.send({ type: 'wizard', event: { type: 'answer', value } });
  };
  const answerSecret = (id: string, choice: SecretChoice) => {
    if (showing(id)) session.send({ type: 'wizard', event: { type: 'secret', choice } });
  };
  const back = (id: string) => {
    if (!showing(id)) return;
    setTypedError(undefined);
    const s = live().wizard!;
    const before = editStart.current;
    if (s.editing && before) {
      const step = escapeFromEdit(before, s);
      session.send(step === 'restore' ? { type: 'restore', wizard: before } : { type: 'wizard', event: step });
      return;
    }
    session.send({ type: 'wizard', event: { type: 'back' } });
  };
  const edit = (id: string) => {
    if (!onReview()) return;
    editStart.current = live().wizard;
    session.send({ type: 'wizard', event: { type: 'edit', id } });
  };
  const reviewBack = () => {
    if (onReview()) session.send({ type: 'wizard', event: { type: 'back' } });
  };
  const checkAndPlan = () => {
    if (onReview()) session.send({ type: 'continue' });
  };
  const planBack = () => {
    if (live().screen.kind !== 'plan') return;
    session.send({ type: 'back' });
  };
  const choose = (choice: StartChoice) => {
    if (live().screen.kind === 'start') session.send({ type: 'start-choice', choice });
  };
  const escape = () => session.send({ type: 'escape' });

  // Ctrl-C asks first: while the bootstrap runs, whether to stop it (the summary follows); before, whether
  // to quit (the answers are kept as a draft); every key is kept from the fields until that is answered.
  // Ink's own Ctrl-C exit is off (exitOnCtrlC: false). Keys on the progress and summary screens have no
  // other use; Esc there says how to stop.
  intercept.current = (input, key) => {
    const ctrlC = key.ctrl && input === 'c';
    const s = live();
    // A notice answers one key: the next one, wherever it goes, puts it away.
    if (s.notice !== undefined) setDismissed(s);
    const kind = s.screen.kind;
    const running = kind === 'progress' || kind === 'preflight';
    // The runner waits on the person: keys go to the confirmation, and Ctrl-C means "do not run it" (the
    // run then stops before the step, as the summary says). A stop question asked before it came is gone.
    if (kind === 'confirm-step') {
      if (asking.current !== undefined) ask(undefined);
      if (!ctrlC) return false;
      session.send({ type: 'step-answer', answer: { kind: 'no' } });
      return true;
    }
    if (asking.current !== undefined) {
      // y (or Ctrl-C again) confirms; any other key is "no". A run that ended meanwhile needs no stop.
      if ((ctrlC || /^y/iu.test(input)) && (asking.current === 'quit' || running)) session.send({ type: 'interrupt' });
      ask(undefined);
      if (!running) keys.hold(); // the fields subscribe again after this render
      return true;
    }
    if (running || kind === 'summary' || kind === 'saving' || kind === 'done') {
      if (ctrlC && running && !(s.screen.kind === 'progress' && s.screen.stopping)) ask('stop');
      else if (key.escape && running) escape();
      return true;
    }
    if (!ctrlC) return false;
    ask('quit');
    return true;
  };
  useTerminalInput((chunk) => keys.deliver(chunk));
  // After each commit the screen now shown has subscribed its fields (children's effects run first):
  // keys held back since a field handed its answer on go to them now. While a server loads no field is
  // there yet: keys typed ahead wait for its first question.
  useEffect(() => (lastShown.current.kind === 'loading' ? keys.hold() : keys.release()));

  const stackTitle = state.stack?.about.title ?? 'fieldstation';
  const title = `${stackTitle}${theme.glyphs.sep}${state.dir}`;
  // A question whose screen is gone (the run ended, a signal ended the session, a step's confirmation
  // came) is no longer shown, and no longer keeps the keys from the screen.
  const runningNow = state.screen.kind === 'progress' || state.screen.kind === 'preflight';
  const shownQuestion = asked === 'stop' ? (runningNow ? asked : undefined) : asked === 'quit' && !runningNow && !['summary', 'saving', 'done', 'confirm-step'].includes(state.screen.kind) ? asked : undefined;
  const active = shownQuestion === undefined && state.screen.kind !== 'done' && state.screen.kind !== 'saving';
  const screen = lastShown.current;
  let body: ReactNode = null;
  switch (screen.kind) {
    case 'loading':
      break;
    case 'pick-server':
      body = <ServerPicker servers={state.servers} dir={state.dir} isActive={active} onPick={(id) => session.send({ type: 'pick', id })} onEscape={escape} />;
      break;
    case 'start': {
      const { choices, preferred } = startChoices(state);
      body = state.install && <StartScreen install={state.install} choices={choices} preferred={preferred} stackTitle={stackTitle} dir={state.dir} isActive={active} onChoose={choose} onEscape={escape} />;
      break;
    }
    case 'wizard': {
      const s = state.wizard!;
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
        <ReviewScreen state={s} title={title} isActive={active} checking={screen.checking} problems={screen.problems} showKeys={showKeys} onToggleKeys={() => setShowKeys((shown) => !shown)} onEdit={edit} onContinue={checkAndPlan} onBack={reviewBack} />
      );
      break;
    }
    case 'plan':
      body = <PlanScreen plan={screen.plan} title={title} isActive={active} onApply={() => session.send({ type: 'apply' })} onBack={planBack} />;
      break;
    case 'checks-failed':
      body = <PreflightScreen key={screen.results.map((r) => `${r.name}:${r.status}`).join()} results={screen.results} run={screen.run} title={title} dir={state.dir} isActive={active} onChoose={(choice) => live().screen.kind === 'checks-failed' && session.send({ type: 'checks-choice', choice })} />;
      break;
    case 'preflight':
    case 'progress':
      body = <ProgressScreen model={state.progress} preflight={state.preflight} title={title} stopping={screen.kind === 'progress' && screen.stopping} />;
      break;
    case 'confirm-step':
      body = <StepConfirmScreen key={screen.question.step.id} question={screen.question} title={title} isActive={active} onAnswer={(answer) => live().screen.kind === 'confirm-step' && session.send({ type: 'step-answer', answer })} />;
      break;
    case 'summary':
      body = <SummaryScreen outcome={screen.outcome} details={summaryDetails(screen.outcome, state.dir, summaryFacts(state))} model={state.progress} stackTitle={stackTitle} onShown={() => session.send({ type: 'summary-shown' })} />;
      break;
  }
  return (
    <UiContext.Provider value={ui}>
      <Box flexDirection="column">
        {body}
        {shownQuestion !== undefined && (
          <Box marginTop={1}>
            <Text color={theme.tone('warn')} bold>
              {shownQuestion === 'stop' ? STOP_QUESTION : `Quit? Nothing has been written${hasUnsavedAnswers(state) ? '; your answers so far are kept as a draft' : ''}. (y/N)`}
            </Text>
          </Box>
        )}
        <SessionNotes state={state} showNotice={state !== dismissed} />
      </Box>
    </UiContext.Provider>
  );
}
