import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value is readable at once through a ref: key handlers and port callbacks read
 * `ref.current`, which a `set` updates before React renders (Ink hands keys faster than React renders).
 */
export function useLatest<T>(initial: () => T): { readonly value: T; readonly ref: { readonly current: T }; readonly set: (next: T) => void } {
  const ref = useRef<T | undefined>(undefined);
  if (ref.current === undefined) ref.current = initial();
  const [value, setValue] = useState(ref.current);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return { value, ref: ref as { readonly current: T }, set };
}
