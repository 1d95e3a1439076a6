import { useCallback, useState } from 'react';

const KEY = 'portalflow.editor.minimap';

/**
 * Whether the editor shows its minimap: off until someone turns it on, as it sits over the diagram's
 * bottom lane; their choice is kept in this browser for the next workflow they open.
 */
export function useMinimapShown(): { shown: boolean; toggle: () => void } {
  const [shown, setShown] = useState(() => read() === 'shown');
  const toggle = useCallback(() => {
    setShown((was) => {
      write(was ? 'hidden' : 'shown');
      return !was;
    });
  }, []);
  return { shown, toggle };
}

// Storage can be refused (a locked-down browser): the minimap then starts hidden each time.
function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
function write(value: string): void {
  try {
    localStorage.setItem(KEY, value);
  } catch {
    /* kept for this page only */
  }
}
