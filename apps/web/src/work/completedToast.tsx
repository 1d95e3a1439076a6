import { Text } from '@mantine/core';
import { notifications } from '../shell/notifications.ts';
import { completedText } from './completedText.ts';

/** The toast after completing a task: the request it was for on its own line, then the step and outcome. */
export function showCompleted(stepTitle: string, outcome: string, request: string): void {
  const text = completedText(stepTitle, outcome, request);
  notifications.show({
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
