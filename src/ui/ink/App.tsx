import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Session } from '../../app/session.js';
import type { AnswerValue } from '../../core/questions/types.js';
import type { Screen } from '../../core/session/flow.js';
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
import { StartScreen, type StartChoice } from './StartScreen.js';
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
  const editStart = useRef<WizardState | undefined>(undefined);
  const quitting = useRef(false);
  const [quitAsked, setQuitAsked] = useState(false);
  const listDevices = useCallback(() => session.listDevices(), [session]);
  // The screen to draw once the session is done: the last one shown (the summary stays in the terminal).
  const lastShown = useRef<Screen>(state.screen);
  if (state.screen.kind !== 'done') lastShown.current = state.screen;

  useEffect(() => {
    if (state.screen.kind === 'done') exit();
  }, [state.screen.kind, exit]);

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
    if (live().screen.kind === 'start' && choice !== 'rotate') session.send({ type: 'start-choice', choice });
  };

  // Ctrl-C: while the bootstrap runs, the session stops it (the summary follows); before, ask whether to
  // quit, and keep every key from the fields until that is answered. Ink's own Ctrl-C exit is off
  // (exitOnCtrlC: false). Keys on the progress and summary screens have no other use.
  intercept.current = (input, key) => {
    const ctrlC = key.ctrl && input === 'c';
    const kind = live().screen.kind;
    if (kind === 'progress' || kind === 'preflight' || kind === 'summary' || kind === 'done') {
      if (ctrlC) session.send({ type: 'interrupt' }); // the session ignores it once the summary is up
      return true;
    }
    if (!quitting.current) {
      if (!ctrlC) return false;
      quitting.current = true;
      setQuitAsked(true);
      return true;
    }
    // y (or Ctrl-C again) quits; any other key is "no".
    if (ctrlC || /^y/iu.test(input)) session.send({ type: 'interrupt' });
    else {
      quitting.current = false;
      setQuitAsked(false);
      keys.hold(); // the fields subscribe again after this render
    }
    return true;
  };
  useTerminalInput((chunk) => keys.deliver(chunk));
  // After each commit the screen now shown has subscribed its fields (children's effects run first):
  // keys held back since a field handed its answer on go to them now. While a server loads no field is
  // there yet: keys typed ahead wait for its first question.
  useEffect(() => (lastShown.current.kind === 'loading' ? keys.hold() : keys.release()));

  const stackTitle = state.stack?.about.title ?? 'fieldstation';
  const title = `${stackTitle}${theme.glyphs.sep}${state.dir}`;
  const active = !quitAsked && state.screen.kind !== 'done';
  const screen = lastShown.current;
  let body: ReactNode = null;
  switch (screen.kind) {
    case 'loading':
      break;
    case 'pick-server':
      body = <ServerPicker servers={state.servers} dir={state.dir} isActive={active} onPick={(id) => session.send({ type: 'pick', id })} />;
      break;
    case 'start':
      body = state.install?.kind === 'installed' && <StartScreen install={state.install} stackTitle={stackTitle} dir={state.dir} isActive={active} onChoose={choose} />;
      break;
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
    case 'preflight':
    case 'progress':
      body = <ProgressScreen model={state.progress} preflight={state.preflight} title={title} stopping={screen.kind === 'progress' && screen.stopping} />;
      break;
    case 'summary':
      body = <SummaryScreen outcome={screen.outcome} details={summaryDetails(screen.outcome, state.dir, summaryFacts(state))} model={state.progress} stackTitle={stackTitle} onShown={() => session.send({ type: 'summary-shown' })} />;
      break;
  }
  return (
    <UiContext.Provider value={ui}>
      <Box flexDirection="column">
        {body}
        {quitAsked && state.screen.kind !== 'done' && (
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
