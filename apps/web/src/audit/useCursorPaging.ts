import { useState } from 'react';

/**
 * Forward-only cursors (the server's `nextCursor`) turned into pages one can go back through.
 * Starts again at the first page whenever `resetKey` (e.g. the filters) changes.
 */
export function useCursorPaging(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: Array<string | null> }>({
    key: resetKey,
    stack: [null],
  });
  const stack = state.key === resetKey ? state.stack : [null];
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    hasPrevious: stack.length > 1,
    next: (nextCursor: string | null) => {
      if (nextCursor) setState({ key: resetKey, stack: [...stack, nextCursor] });
    },
    previous: () => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
    first: () => setState({ key: resetKey, stack: [null] }),
  };
}
