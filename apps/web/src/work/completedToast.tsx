import { Text } from '@mantine/core';
import { notifications } from '../shell/notifications.ts';
import { completedText, type NextInPool, type WentOn } from './completedText.ts';

/**
 * The toast after completing a task: the request it was for on its own line, then the step and outcome,
 * then what of the same request now waits in the same pool.
 */
export function showCompleted(
  stepTitle: string,
  outcome: string,
  request: string,
  nextInPool?: NextInPool,
  wentOn?: WentOn,
): void {
  const text = completedText(stepTitle, outcome, request, nextInPool, wentOn);
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
        {text.next && (
          <Text size="sm" span display="block" mt={4} data-testid="completed-next">
            {text.next}
          </Text>
        )}
      </>
    ),
  });
}
