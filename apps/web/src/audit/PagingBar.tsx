import { Button, Group, Text } from '@mantine/core';
import { ChevronLeft, ChevronRight } from 'lucide-react';

/** Previous / next over cursor pages, with the page number and what is shown. */
export function PagingBar(props: {
  page: number;
  count: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  noun: string;
  plural: string;
  testId: string;
}) {
  return (
    <Group justify="space-between" gap="xs" data-testid={props.testId}>
      <Text size="sm" c="dimmed" aria-live="polite">
        Page {props.page} · {props.count} {props.count === 1 ? props.noun : props.plural}
        {props.hasNext ? ' · more on the next page' : ''}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="compact-sm"
          leftSection={<ChevronLeft size={14} aria-hidden />}
          disabled={!props.hasPrevious}
          onClick={props.onPrevious}
          data-testid={`${props.testId}-previous`}
        >
          Previous
        </Button>
        <Button
          variant="default"
          size="compact-sm"
          rightSection={<ChevronRight size={14} aria-hidden />}
          disabled={!props.hasNext}
          onClick={props.onNext}
          data-testid={`${props.testId}-next`}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
