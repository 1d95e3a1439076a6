import { Alert, Badge } from '@mantine/core';
import { Drama } from 'lucide-react';

/** On a step of another role in the person's own practice run: they play that role for practice. */
export function PlayedForPracticeBadge({ roleName }: { roleName: string }) {
  return (
    <Badge
      tt="none"
      size="sm"
      color="grape.9"
      variant="outline"
      leftSection={<Drama size={12} aria-hidden />}
      data-testid="played-for-practice"
    >
      Played for practice as {roleName}
    </Badge>
  );
}

/** Why the step is theirs to work, and what playing it is for. */
export function PlayedForPracticeNote({ roleName }: { roleName: string }) {
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<Drama size={16} aria-hidden />}
      title={`You play the ${roleName} step`}
      styles={{ title: { color: 'var(--mantine-color-grape-9)' } }}
      data-testid="played-for-practice-note"
    >
      You started this practice run, so you play every step of it. In a real request the {roleName} role does
      this step: choose what they would, and follow the request on to your own steps.
    </Alert>
  );
}
