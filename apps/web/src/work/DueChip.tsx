import { Badge, Stack, Text } from '@mantine/core';
import { AlarmClock, CalendarOff, Clock, TriangleAlert } from 'lucide-react';
import { dueTime } from './dueTime.ts';
import { AMBER_TEXT, OVERDUE } from './palette.ts';

const SOON_MS = 4 * 3_600_000;

/**
 * "Due Today 14:30" / "Overdue · Mon, Dec 7, 09:00", the clinic's clock time staff plan their day by:
 * red with a warning icon and the word when overdue, amber when due within four hours — never colour
 * alone. With `relative`, how far off ("in 3 h", "2 d late") is written under it; it is the hover
 * text either way.
 */
export function DueChip({
  due,
  now,
  size = 'sm',
  relative = false,
}: {
  due: string | null;
  now: number;
  size?: 'xs' | 'sm' | 'md';
  relative?: boolean;
}) {
  if (!due) {
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
  const shown = dueTime(due, now);
  const soon = !shown.overdue && Date.parse(due) - now < SOON_MS;
  const Icon = shown.overdue ? TriangleAlert : soon ? AlarmClock : Clock;
  const chip = (
    <Badge
      size={size}
      tt="none"
      variant={shown.overdue ? 'filled' : 'light'}
      color={shown.overdue ? OVERDUE : soon ? 'orange' : 'gray'}
      c={shown.overdue ? undefined : soon ? AMBER_TEXT : 'gray.8'}
      leftSection={<Icon size={12} aria-hidden />}
      title={shown.overdue ? shown.relative : `Due ${shown.relative}`}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      data-overdue={shown.overdue ? 'true' : undefined}
      data-testid="due-chip"
    >
      {shown.text}
    </Badge>
  );
  if (!relative) return chip;
  return (
    <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
      {chip}
      <Text size="xs" c={shown.overdue ? 'red.9' : 'gray.7'} data-testid="due-relative">
        {shown.relative}
      </Text>
    </Stack>
  );
}
