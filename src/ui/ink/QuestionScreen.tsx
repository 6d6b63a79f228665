import { describeGenerated } from '../../core/secrets/generate.js';
import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';
import { kindOf } from '../../core/questions/kinds/index.js';
import { generateSpecOf, type AnswerValue, type ChoiceQuestion, type Question, type SecretQuestion } from '../../core/questions/types.js';
import { typedSecretProblem } from '../../core/answers/check.js';
import { currentQuestion, position, suggested, type SecretChoice, type WizardState } from '../../core/wizard/machine.js';
import type { BlockDevice } from '../../app/ports.js';
import { DeviceField } from './DeviceField.js';
import { KeyHints } from './KeyHints.js';
import { Paragraph } from './Paragraph.js';
import { Select, type SelectItem } from './Select.js';
import { questionMarkIsHelp, type TextState } from './text-editing.js';
import { TextInput } from './TextInput.js';
import { useUi } from './ui-context.js';

export interface QuestionScreenProps {
  readonly state: WizardState;
  /** The stack and the folder, on the first line. */
  readonly title: string;
  /** Why the last answer was not taken (the machine's check, or typed text that is not a number). */
  readonly error: string | undefined;
  readonly isActive: boolean;
  readonly listDevices: () => Promise<readonly BlockDevice[]>;
  /** Typed text, for the app to read as the question's kind. */
  readonly onText: (text: string) => void;
  readonly onValue: (value: AnswerValue) => void;
  readonly onSecret: (choice: SecretChoice) => void;
  readonly onBack: () => void;
}

const GENERATE = 'generate';
const KEEP = 'keep';
const TYPE = 'type';

/**
 * One question: where we are, the prompt, the field with the default or earlier answer ready for Enter,
 * the problem with the last answer under it (until the answer is changed: it was about what was sent),
 * and the help on request. Render it with `key={question id}` so each question starts with a fresh field
 * and no problem from another.
 *
 * @example
 * ```
 * Field logger · /srv/logger
 * Storage · 5/8
 *
 * Name of the storage bucket?
 * › readings
 *
 * Enter accept · Esc back · ? help · Ctrl-U clear · Ctrl-C quit
 * ```
 */
export function QuestionScreen({ state, title, error: given, isActive, listDevices, onText, onValue, onSecret, onBack }: QuestionScreenProps) {
  let error = given;
  const { theme } = useUi();
  const { glyphs } = theme;
  const q = currentQuestion(state) as Question;
  const [help, setHelp] = useState(false);
  const [questionMarkHelps, setQuestionMarkHelps] = useState(true);
  const existing = q.kind === 'secret' ? state.secrets[q.id] : undefined;
  const [typingSecret, setTypingSecret] = useState(existing?.kind === 'value');
  // A typed secret is typed twice: the first entry (checked) waits here while the second is typed.
  const [firstEntry, setFirstEntry] = useState<string | undefined>(undefined);
  const [mismatch, setMismatch] = useState(false);
  const [revealed, setRevealed] = useState(false);
  // Back from typing a secret to the choices: "Type my own" stays highlighted.
  const [leftTyping, setLeftTyping] = useState(false);
  // The problem shown is about the answer last sent: once the field changes, it is gone (until the next one).
  const [changed, setChanged] = useState(false);
  const sent = <A extends unknown[]>(f: (...args: A) => void) => (...args: A) => {
    setChanged(false);
    f(...args);
  };
  const textChanged = (s: TextState, before: TextState) => {
    if (s.value !== before.value) setChanged(true);
  };
  const [sendText, sendValue, sendSecret] = [sent(onText), sent(onValue), sent(onSecret)];
  const highlightChanged = () => setChanged(true);
  const toggleHelp = () => setHelp((shown) => !shown);
  const helpWord = help ? 'hide help' : 'help';
  const pointer = (
    <Box flexShrink={0} width={glyphs.pointer.length + 1}>
      <Text color={theme.tone('accent')}>{glyphs.pointer}</Text>
    </Box>
  );
  const listHints = [`${glyphs.updown} choose`, 'type to jump', 'Enter accept', 'Esc back', `? ${helpWord}`, 'Ctrl-C quit'];

  let field: ReactNode;
  let hints: string[];
  const value = suggested(state, q);
  // Each kind is drawn as its field is (a list, yes/no, a device picker, a secret, a line of text).
  switch (kindOf(q).field) {
    case 'choice': {
      const choices = (q as ChoiceQuestion).choices;
      const items: SelectItem<string>[] = choices.map((c) => ({ key: c.value, label: c.label, hint: c.help, data: c.value }));
      field = <Select items={items} initialIndex={Math.max(0, choices.findIndex((c) => c.value === value))} isActive={isActive} onSelect={(i) => sendValue(i.data)} onHighlight={highlightChanged} onEscape={onBack} onHelp={toggleHelp} />;
      hints = listHints;
      break;
    }
    case 'boolean': {
      const items: SelectItem<boolean>[] = [
        { key: 'yes', label: 'Yes', data: true },
        { key: 'no', label: 'No', data: false },
      ];
      field = <Select items={items} initialIndex={value === false ? 1 : 0} isActive={isActive} onSelect={(i) => sendValue(i.data)} onHighlight={highlightChanged} onEscape={onBack} onHelp={toggleHelp} />;
      hints = listHints;
      break;
    }
    case 'device':
      field = <DeviceField suggested={typeof value === 'string' ? value : undefined} isActive={isActive} listDevices={listDevices} onValue={sendValue} onText={sendText} onChange={highlightChanged} onBack={onBack} onHelp={toggleHelp} />;
      hints = [`${glyphs.updown} choose`, 'Enter accept', 'Esc back', `? ${helpWord}`, 'Ctrl-C quit'];
      break;
    case 'secret': {
      const sq = q as SecretQuestion;
      const spec = generateSpecOf(sq, state.answers);
      // Reconfiguring: the value in use can only be kept or replaced, never shown or retyped.
      if (existing?.kind === 'keep' && !typingSecret) {
        const items: SelectItem<string>[] = [
          { key: KEEP, label: 'Keep the current one', hint: 'the value in use stays; it is never shown', data: KEEP },
          { key: TYPE, label: 'Type a new one', data: TYPE },
        ];
        field = <Select items={items} isActive={isActive} onSelect={(i) => (i.data === KEEP ? sendSecret({ kind: 'keep' }) : setTypingSecret(true))} onHighlight={highlightChanged} onEscape={onBack} onHelp={toggleHelp} />;
        hints = listHints;
      } else if (spec !== undefined && !typingSecret) {
        const where = sq.secret.storedIn ? `, written to ${sq.secret.storedIn.file}` : '';
        const items: SelectItem<string>[] = [
          { key: GENERATE, label: 'Generate one for me', hint: `${describeGenerated(spec)}${where}`, data: GENERATE },
          { key: TYPE, label: 'Type my own', data: TYPE },
        ];
        const pick = (i: SelectItem<string>) => (i.data === GENERATE ? sendSecret({ kind: 'generate' }) : setTypingSecret(true));
        field = <Select items={items} initialIndex={existing?.kind === 'value' || leftTyping ? 1 : 0} isActive={isActive} onSelect={pick} onHighlight={highlightChanged} onEscape={onBack} onHelp={toggleHelp} />;
        hints = listHints;
      } else {
        const typed = existing?.kind === 'value' ? existing.value : '';
        const backToChoices = () => {
          setTypingSecret(false);
          setLeftTyping(true);
          setChanged(true);
        };
        const mask = revealed ? undefined : glyphs.mask;
        const toggle = () => setRevealed((r) => !r);
        // The first entry goes through the same checks as the machine's; only a good one is asked again.
        const first = (v: string) => {
          setMismatch(false);
          setChanged(false);
          if (typedSecretProblem(sq, v, state.answers) !== undefined) return sendSecret({ kind: 'value', value: v });
          setFirstEntry(v);
        };
        const second = (v: string) => {
          setFirstEntry(undefined);
          if (v === firstEntry) return sendSecret({ kind: 'value', value: v });
          setMismatch(true);
          setChanged(false);
        };
        field = firstEntry === undefined ? (
          <Box>
            {pointer}
            <TextInput key="first" initial={typed} mask={mask} isActive={isActive} onSubmit={first} onEscape={spec === undefined && existing?.kind !== 'keep' ? onBack : backToChoices} onHelp={toggleHelp} onChange={textChanged} onToggleMask={toggle} />
          </Box>
        ) : (
          <Box flexDirection="column">
            <Text>Type it again to confirm:</Text>
            <Box>
              {pointer}
              <TextInput key="again" initial="" mask={mask} isActive={isActive} onSubmit={second} onEscape={() => setFirstEntry(undefined)} onHelp={toggleHelp} onToggleMask={toggle} />
            </Box>
          </Box>
        );
        if (mismatch) error = 'The two entries differ: type the value again, then once more to confirm.';
        hints = ['Enter accept', firstEntry !== undefined ? 'Esc first entry' : spec === undefined && existing?.kind !== 'keep' ? 'Esc back' : 'Esc choices', `Ctrl-T ${revealed ? 'hide' : 'show'}`, `Tab ${helpWord}`, 'Ctrl-U clear', 'Ctrl-C quit'];
      }
      break;
    }
    default:
      field = (
        <Box>
          {pointer}
          <TextInput
            initial={value === undefined ? '' : String(value)}
            isActive={isActive}
            onSubmit={sendText}
            onEscape={onBack}
            onHelp={toggleHelp}
            onChange={(s, before) => {
              setQuestionMarkHelps(questionMarkIsHelp(s, false));
              textChanged(s, before);
            }}
          />
        </Box>
      );
      // `?` is the help only on an empty or untouched field; once something is typed it is a character.
      hints = ['Enter accept', 'Esc back', questionMarkHelps ? `? ${helpWord}` : `Tab ${helpWord}`, 'Ctrl-U clear', 'Ctrl-C quit'];
  }

  const { index, total } = position(state);
  return (
    <Box flexDirection="column">
      <Paragraph tone="muted">{title}</Paragraph>
      <Text bold>
        {`${theme.plain(q.section)}${glyphs.sep}${index}/${total}`}
        {state.editing ? `${glyphs.sep}changing an answer` : ''}
      </Text>
      <Box marginTop={1}>
        <Paragraph bold>{q.prompt}</Paragraph>
      </Box>
      {field}
      {error !== undefined && !changed && (
        <Box>
          <Box flexShrink={0} width={2}>
            <Text color={theme.tone('bad')}>{glyphs.cross}</Text>
          </Box>
          <Paragraph indent={2} tone="bad">
            {error}
          </Paragraph>
        </Box>
      )}
      {help && (
        <Box marginTop={1} flexDirection="column">
          <Paragraph>{`Help: ${q.help}`}</Paragraph>
          <Paragraph tone="muted">{`${q.whenText === undefined ? '' : `Asked ${q.whenText}. `}Key in the answers file: ${q.id}`}</Paragraph>
        </Box>
      )}
      <Box marginTop={1}>
        <KeyHints hints={hints} />
      </Box>
    </Box>
  );
}
