import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { completedText } from './completedText.ts';

/** The toast after completing a task: the request it was for on its own line, then the step and outcome. */
export function showCompleted(stepTitle: string, outcome: string, request: string): void {
  const text = completedText(stepTitle, outcome, request);
  notifications.show({
    // Polite: said after the next task's heading, which takes the focus, instead of cutting it off.
    role: 'status',
    color: 'teal',
    title: text.title,
    message: (
      <>
        <Text size="sm" fw={600} span display="block" data-testid="completed-request">
          {text.request}
        </Text>
        <Text size="sm" span display="block">
          {text.done}
        </Text>
      </>
    ),
  });
}
