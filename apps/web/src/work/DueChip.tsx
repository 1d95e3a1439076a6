import { Badge } from '@mantine/core';
import { AlarmClock, CalendarOff, Clock, TriangleAlert } from 'lucide-react';
import { dueLabel, formatWhen } from '../shell/time.ts';
import { AMBER_TEXT, OVERDUE } from './palette.ts';

const SOON_MS = 4 * 3_600_000;

/** "due in 2 h" / "overdue 1 d": red with a warning icon when overdue, amber when due soon — never colour alone. */
export function DueChip({
  due,
  now,
  size = 'sm',
}: {
  due: string | null;
  now: number;
  size?: 'xs' | 'sm' | 'md';
}) {
  const label = dueLabel(due, now);
  if (!label || !due) {
    return (
      <Badge
        size={size}
        tt="none"
        variant="outline"
        color="gray.7"
        leftSection={<CalendarOff size={12} aria-hidden />}
        style={{ flexShrink: 0, minWidth: 'max-content' }}
      >
        no due date
      </Badge>
    );
  }
  const soon = !label.overdue && Date.parse(due) - now < SOON_MS;
  const Icon = label.overdue ? TriangleAlert : soon ? AlarmClock : Clock;
  return (
    <Badge
      size={size}
      tt="none"
      variant={label.overdue ? 'filled' : 'light'}
      color={label.overdue ? OVERDUE : soon ? 'orange' : 'gray'}
      c={label.overdue ? undefined : soon ? AMBER_TEXT : 'gray.8'}
      leftSection={<Icon size={12} aria-hidden />}
      title={`Due ${formatWhen(due, now)}`}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      data-overdue={label.overdue ? 'true' : undefined}
    >
      {label.text}
    </Badge>
  );
}
