import { Box, Text, useCursor, type DOMElement } from 'ink';
import { useLayoutEffect, useRef, useState } from 'react';
import wrapAnsi from 'wrap-ansi';
import { characterCount, editText, initialText, type TextState } from './text-editing.js';
import { useUi } from './ui-context.js';
import { useKeys } from './use-keys.js';
import { displayWidth } from './wrap-text.js';

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
  /** After each key that changed the field (its text, or only the cursor): the state now and before. */
  readonly onChange?: ((state: TextState, before: TextState) => void) | undefined;
  /** Ctrl-T: show or hide a secret's characters (the field's owner decides the mask). */
  readonly onToggleMask?: (() => void) | undefined;
}

/** Where the field's box is in Ink's output, and how wide (its text wraps at that width). */
interface Place {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

function placeOf(node: DOMElement | null): Place | undefined {
  if (!node?.yogaNode) return undefined;
  let x = 0;
  let y = 0;
  for (let n: DOMElement | undefined = node; n?.yogaNode; n = n.parentNode) {
    x += n.yogaNode.getComputedLeft();
    y += n.yogaNode.getComputedTop();
  }
  return { x, y, width: Math.max(1, node.yogaNode.getComputedWidth()) };
}

/**
 * The column and row of character `index` of `text` once wrapped at `width` the way Ink wraps a Text
 * (wrap-ansi, hard, not trimmed: every character stays on some row).
 */
export function cellOf(text: string, index: number, width: number): { x: number; y: number } {
  const rows = wrapAnsi(text, width, { hard: true, trim: false }).split('\n');
  let start = 0;
  for (const [y, row] of rows.entries()) {
    if (index < start + row.length || y === rows.length - 1) return { x: displayWidth(row.slice(0, Math.max(0, index - start))), y };
    start += row.length;
  }
  return { x: 0, y: 0 };
}

/**
 * A one-line field. The latest text lives in a ref that every key handler reads, so keys that arrive
 * together (fast typing, Ctrl-U then text then Enter over a slow link) all land and Enter submits what was
 * typed, not what was last rendered. After Enter or Esc the keys that follow wait for the next screen.
 *
 * The cursor is the terminal's own, put where the next character goes: it shows without colour or
 * inverse video (NO_COLOR, a monochrome terminal), and screen readers and IMEs follow it.
 *
 * @example
 * ```
 * › logger.example.org█
 * ```
 */
export function TextInput({ initial, mask, isActive, onSubmit, onEscape, onHelp, onChange, onToggleMask }: TextInputProps) {
  const { keys } = useUi();
  const ref = useRef<TextState>(initialText(initial));
  const [state, setState] = useState(ref.current);
  useKeys(
    (input, key) => {
      if (onToggleMask && key.ctrl && input === 't') return onToggleMask();
      const { state: next, action } = editText(ref.current, input, key, mask !== undefined);
      if (next !== ref.current) {
        const before = ref.current;
        ref.current = next;
        setState(next);
        onChange?.(next, before);
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

  const shown = mask === undefined ? state.value : mask.repeat(characterCount(state.value));
  const cursorAt = mask === undefined ? state.cursor : mask.length * characterCount(state.value.slice(0, state.cursor));
  // Where the box is comes from Ink's last layout: measured after each commit, and drawn again only when
  // it moved (the text's own wrapping is worked out here, from the width).
  const box = useRef<DOMElement>(null);
  const [place, setPlace] = useState<Place | undefined>(undefined);
  useLayoutEffect(() => {
    const now = placeOf(box.current);
    if (now?.x !== place?.x || now?.y !== place?.y || now?.width !== place?.width) setPlace(now);
  });
  const { setCursorPosition } = useCursor();
  // The space after the text is the cell the cursor stands on at its end.
  const drawn = isActive ? `${shown} ` : shown;
  const cell = isActive && place ? cellOf(drawn, cursorAt, place.width) : undefined;
  setCursorPosition(cell && place ? { x: place.x + cell.x, y: place.y + cell.y } : undefined);
  return (
    <Box ref={box}>
      <Text>{drawn}</Text>
    </Box>
  );
}
