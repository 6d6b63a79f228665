import { Text } from 'ink';
import { useRef, useState } from 'react';
import { editText, initialText, type TextState } from './text-editing.js';
import { useUi } from './ui-context.js';
import { useKeys } from './use-keys.js';

export interface TextInputProps {
  /** What the field opens with (the default or the earlier answer), taken as it is with Enter. */
  readonly initial: string;
  /** Drawn once per character instead of the text: for secrets. */
  readonly mask?: string | undefined;
  readonly isActive: boolean;
  readonly onSubmit: (value: string) => void;
  readonly onEscape?: (() => void) | undefined;
  /** `?` on an empty or untouched field (never when masked), or Tab. */
  readonly onHelp?: (() => void) | undefined;
  readonly onChange?: ((state: TextState) => void) | undefined;
}

/**
 * A one-line field. The latest text lives in a ref that every key handler reads, so keys that arrive
 * together (fast typing, a paste ending in Enter) all land and Enter submits what was typed, not what was
 * last rendered. After Enter or Esc the keys that follow wait for the next screen.
 *
 * @example
 * ```
 * › logger.example.org█
 * ```
 */
export function TextInput({ initial, mask, isActive, onSubmit, onEscape, onHelp, onChange }: TextInputProps) {
  const { keys } = useUi();
  const ref = useRef<TextState>(initialText(initial));
  const [state, setState] = useState(ref.current);
  useKeys(
    (input, key) => {
      const { state: next, action } = editText(ref.current, input, key, mask !== undefined);
      if (next !== ref.current) {
        ref.current = next;
        setState(next);
        onChange?.(next);
      }
      if (action === 'submit') {
        onSubmit(next.value);
        keys.hold();
      } else if (action === 'escape' && onEscape) {
        onEscape();
        keys.hold();
      } else if (action === 'help') onHelp?.();
    },
    { isActive },
  );
  const shown = mask === undefined ? state.value : mask.repeat(state.value.length);
  if (!isActive) return <Text>{shown}</Text>;
  return (
    <Text>
      {shown.slice(0, state.cursor)}
      <Text inverse>{shown[state.cursor] ?? ' '}</Text>
      {shown.slice(state.cursor + 1)}
    </Text>
  );
}
