import { useCallback, useRef } from 'react';

/**
 * Sends an action at most once at a time per key: a second press while the first is on its way (a
 * double click) sends nothing and gets the first press's answer. A button's `loading` turns it off only
 * at the next render, and the second click of a double click can come before that render.
 */
export function useOneAtATime() {
  const running = useRef(new Map<string, Promise<unknown>>());
  return useCallback(<T>(key: string, send: () => Promise<T>): Promise<T> => {
    const current = running.current.get(key);
    if (current) return current as Promise<T>;
    const sent = send().finally(() => running.current.delete(key));
    running.current.set(key, sent);
    return sent;
  }, []);
}
