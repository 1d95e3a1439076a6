import { Badge } from '@mantine/core';
import { CircleCheck, CirclePlay, CircleX } from 'lucide-react';

const LOOK = {
  active: { color: 'blue', label: 'Active', icon: CirclePlay },
  done: { color: 'green', label: 'Done', icon: CircleCheck },
  cancelled: { color: 'gray', label: 'Cancelled', icon: CircleX },
} as const;

/** An instance's status, with an icon and a word (never colour alone). */
export function StatusBadge({ status }: { status: 'active' | 'done' | 'cancelled' }) {
  const look = LOOK[status] ?? LOOK.active;
  const Icon = look.icon;
  return (
    <Badge
      color={look.color}
      variant="light"
      leftSection={<Icon size={12} aria-hidden />}
      data-status={status}
      // A table squeezes a badge to "A…" otherwise: its word is short, so it never gives way.
      style={{ minWidth: 'max-content' }}
    >
      {look.label}
    </Badge>
  );
}
