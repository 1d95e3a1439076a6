import { Text } from '@mantine/core';
import { Ban, CircleCheck } from 'lucide-react';

/** An access's outcome in a word with its mark: a refusal in bold red, so it stands out in a column. */
export function AccessOutcome({ outcome, size = 'sm' }: { outcome: 'allow' | 'deny'; size?: 'xs' | 'sm' }) {
  const icon = size === 'xs' ? 12 : 14;
  return outcome === 'deny' ? (
    <Text span size={size} c="red.8" fw={700} style={{ whiteSpace: 'nowrap' }}>
      <Ban size={icon} aria-hidden /> Denied
    </Text>
  ) : (
    <Text span size={size} c="teal.9" style={{ whiteSpace: 'nowrap' }}>
      <CircleCheck size={icon} aria-hidden /> Allowed
    </Text>
  );
}
