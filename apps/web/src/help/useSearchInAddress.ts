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
  const written = useRef(inAddress);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (inAddress === written.current) return;
    written.current = inAddress;
    clearTimeout(timer.current);
    setQueryNow(inAddress);
  }, [inAddress]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const setQuery = (q: string) => {
    setQueryNow(q);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      written.current = q;
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
