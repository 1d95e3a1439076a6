import { Group, Text, Tooltip } from '@mantine/core';
import { CalendarX } from 'lucide-react';
import { useClinicConfig } from './clinic.ts';
import { calendarDate, dayIn } from './time.ts';

/** "Closed today: Snow day", "Closed Mon, Dec 7: Snow day": the next closed day of the week. */
export function closureNoticeText(closure: { date: string; name?: string }, today: string): string {
  const when =
    closure.date === today
      ? 'today'
      : calendarDate(closure.date, { year: closure.date.slice(0, 4) !== today.slice(0, 4) });
  return `Clinic closed ${when}${closure.name ? `: ${closure.name}` : ''}`;
}

/**
 * The header says when the clinic closes in the coming week, so a deadline that skips a day (or a
 * queue that did not move) explains itself.
 */
export function ClosureNotice() {
  const next = useClinicConfig().data?.closures?.[0];
  if (!next) return null;
  return (
    <Tooltip label="Deadlines counted in business hours skip the days the clinic is closed">
      <Group
        gap={6}
        wrap="nowrap"
        visibleFrom="sm"
        className="pf-closure-notice"
        data-testid="closure-notice"
      >
        <CalendarX size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {closureNoticeText(next, dayIn(Date.now()))}
        </Text>
      </Group>
    </Tooltip>
  );
}
