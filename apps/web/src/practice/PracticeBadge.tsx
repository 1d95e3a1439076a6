import { Badge } from '@mantine/core';
import { FlaskConical } from 'lucide-react';

/** Marks a practice (sandbox) task or instance wherever it appears: text and icon, never colour alone. */
export function PracticeBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge
      tt="none"
      size={size}
      color="grape.9"
      variant="filled"
      leftSection={<FlaskConical size={12} aria-hidden />}
      data-testid="practice-badge"
    >
      Practice
    </Badge>
  );
}
