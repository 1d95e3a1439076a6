import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { instantOfStartText, startText } from '../model/simulationStart.ts';
import { clinicClock, clinicTimeZone } from '../shell/clinic.ts';

/**
 * When a practice run starts, written and typed as the clinic writes times ("Dec 7, 2026 8:00 AM"),
 * on the clinic's wall clock whatever the browser's zone. A typed time takes effect on Enter or on
 * leaving the box; one that names no moment is said so and changes nothing.
 */
export function SimStartInput({ start, onChange }: { start: string; onChange: (instant: string) => void }) {
  const shown = startText(start, clinicTimeZone(), clinicClock());
  const [text, setText] = useState(shown);
  const [wrong, setWrong] = useState(false);
  // A new run or a restart moves the start: the box follows it.
  useEffect(() => {
    setText(shown);
    setWrong(false);
  }, [shown]);
  const commit = () => {
    const instant = instantOfStartText(text, clinicTimeZone());
    if (!instant) {
      setWrong(true);
      return;
    }
    setWrong(false);
    if (instant !== start) onChange(instant);
    else setText(shown);
  };
  const example = startText('2026-12-07T08:00:00.000Z', 'UTC', clinicClock());
  return (
    <TextInput
      size="xs"
      label="Starts at"
      description="In the clinic's time: its next working moment. Type another to try an evening or a holiday."
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      error={wrong ? `Write a date and time such as ${example}` : undefined}
      data-testid="sim-start"
    />
  );
}
