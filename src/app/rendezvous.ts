/**
 * A question a service asks and a person answers on a screen, whichever comes first waiting for the
 * other (the plan's confirmation, the failed checks' choice). Once closed (the session ended), every
 * question gets `closed` at once, so no service waits for a screen that will never come.
 */
export interface Rendezvous<T> {
  /** The service's side: resolves with the person's answer. */
  ask(): Promise<T>;
  /** The person's side. */
  answer(value: T): void;
  /** Forgets an answer given for an earlier question (a new run starts). */
  reset(): void;
  close(): void;
}

export function rendezvous<T>(closed: T): Rendezvous<T> {
  let waiting: ((value: T) => void) | undefined;
  let given: { value: T } | undefined;
  let isClosed = false;
  return {
    ask: () =>
      new Promise<T>((resolve) => {
        if (isClosed) resolve(closed);
        else if (given) resolve(given.value);
        else waiting = resolve;
        given = undefined;
      }),
    answer(value) {
      const resolve = waiting;
      waiting = undefined;
      if (resolve) resolve(value);
      else given = { value };
    },
    reset() {
      given = undefined;
    },
    close() {
      isClosed = true;
      const resolve = waiting;
      waiting = undefined;
      resolve?.(closed);
    },
  };
}
