import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/**
 * A typed filter: what is typed shows at once and applies (`apply`) when typing pauses. Follows the
 * applied value when it changes elsewhere (e.g. "Clear filters").
 */
export function useTypedFilter(
  applied: string,
  apply: (value: string) => void,
  valid: (value: string) => boolean,
) {
  const [text, setText] = useState(applied);
  const [debounced] = useDebouncedValue(text.trim(), 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newly typed value applies
  useEffect(() => {
    if (debounced !== applied && valid(debounced)) apply(debounced);
  }, [debounced]);
  const [lastApplied, setLastApplied] = useState(applied);
  if (applied !== lastApplied) {
    setLastApplied(applied);
    if (applied !== text.trim()) setText(applied);
  }
  return [text, setText] as const;
}
