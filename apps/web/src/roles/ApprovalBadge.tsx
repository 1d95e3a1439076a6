import { Badge } from '@mantine/core';
import { CircleAlert, CircleCheck, CircleDashed } from 'lucide-react';
import { TODO_COLOR } from './colors.ts';
import type { ApprovalState } from './types.ts';

const LOOK: Record<ApprovalState, { color: string; label: string; icon: typeof CircleCheck }> = {
  approved: { color: 'teal.9', label: 'Approved', icon: CircleCheck },
  'needs-reapproval': { color: TODO_COLOR, label: 'Needs re-approval', icon: CircleAlert },
  'not-approved': { color: 'gray.7', label: 'Not approved yet', icon: CircleDashed },
};

/** Sign-off state with an icon and words, never colour alone. */
export function ApprovalBadge({ state }: { state: ApprovalState }) {
  const look = LOOK[state];
  const Icon = look.icon;
  return (
    <Badge
      color={look.color}
      variant="outline"
      leftSection={<Icon size={12} aria-hidden />}
      tt="none"
      // Never "Not approve…": a table squeezes badges otherwise, and the label is short.
      style={{ minWidth: 'max-content' }}
      data-testid="approval-state"
      data-state={state}
    >
      {look.label}
    </Badge>
  );
}
