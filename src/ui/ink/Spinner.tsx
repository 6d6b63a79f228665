import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useUi } from './ui-context.js';

/** Counts up every `ms` while the app animates; a component using it re-renders on each tick. */
export function useTicker(ms: number): number {
  const { animate } = useUi();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!animate) return;
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [animate, ms]);
  return tick;
}

/** A spinner glyph (still when the app does not animate). Always next to a word saying what runs. */
export function Spinner() {
  const { theme } = useUi();
  const tick = useTicker(100);
  const frames = theme.glyphs.spinner;
  return <Text color={theme.tone('accent')}>{frames[tick % frames.length]}</Text>;
}
