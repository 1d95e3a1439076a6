import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** How long typing pauses before the address follows the box. */
const WRITE_AFTER_MS = 300;

/**
 * The help search as typed, kept in the address too (`?q=`: a reload, Back and the task's "Search the
 * staff FAQ" link show it). The box holds its own text: read from the address on every key press, it
 * was put back to the older search between presses (the router updates the address in a transition),
 * and "billing" typed at speed read "bg". The address follows once typing pauses; a search arriving
 * by the address (a link followed while here) replaces the box's.
 */
export function useSearchInAddress(): [string, (q: string) => void] {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get('q') ?? '';
  const [query, setQueryNow] = useState(inAddress);
  // Searches this box wrote to the address that it has not shown yet, oldest first: the router may
  // show an older one after a newer was written (on a busy computer), which must not put it back.
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const shown = useRef(inAddress);
  shown.current = inAddress;

  useEffect(() => {
    const mine = pending.current.indexOf(inAddress);
    if (mine >= 0) {
      pending.current = pending.current.slice(mine + 1);
      return;
    }
    // Not written here: a link followed, Back or Forward.
    pending.current = [];
    clearTimeout(timer.current);
    setQueryNow(inAddress);
  }, [inAddress]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const setQuery = (q: string) => {
    setQueryNow(q);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (q === shown.current) return;
      pending.current = [...pending.current, q];
      setParams(
        (p) => {
          if (q) p.set('q', q);
          else p.delete('q');
          return p;
        },
        { replace: true },
      );
    }, WRITE_AFTER_MS);
  };
  return [query, setQuery];
}
