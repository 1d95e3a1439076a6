import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The rule apart from React, so it can be tested without a screen. An answer is kept until the screen
 * has drawn it (`forgetAnswered`): a second press landing between the answer and that render (the
 * button still there) gets the same answer instead of sending again and showing a second toast.
 */
export function oneAtATime(onAnswered: () => void) {
  const running = new Map<string, { sent: Promise<unknown>; answered: boolean }>();
  return {
    run<T>(key: string, send: () => Promise<T>): Promise<T> {
      const current = running.get(key);
      if (current) return current.sent as Promise<T>;
      const entry = { sent: send(), answered: false };
      running.set(key, entry);
      const done = () => {
        entry.answered = true;
        onAnswered();
      };
      entry.sent.then(done, done);
      return entry.sent as Promise<T>;
    },
    forgetAnswered() {
      for (const [key, entry] of running) if (entry.answered) running.delete(key);
    },
  };
}

/**
 * Sends an action at most once at a time per key: a second press while the first is on its way (a
 * double click), or after its answer but before the screen shows it, sends nothing and gets the first
 * press's answer. A button's `loading` turns it off only at the next render, and the second click of a
 * double click can come before that render. Once the answer is on the screen, a new press sends again.
 */
export function useOneAtATime() {
  const [answers, setAnswers] = useState(0);
  const gate = useRef<ReturnType<typeof oneAtATime>>(null);
  gate.current ??= oneAtATime(() => setAnswers((n) => n + 1));
  // Runs after the render that drew the answer (its toast, the button's new state).
  useEffect(() => {
    if (answers > 0) gate.current?.forgetAnswered();
  }, [answers]);
  return useCallback(
    <T>(key: string, send: () => Promise<T>): Promise<T> => gate.current!.run(key, send),
    [],
  );
}
