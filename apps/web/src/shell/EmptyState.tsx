import { type EmptyStateProps, EmptyState as MantineEmptyState } from '@mantine/core';
import { useHeadingLevel } from './headingLevel.tsx';

/**
 * An empty list or screen saying why and what to do. Its title is a heading at the level of where it
 * sits (see `UnderHeading`): a screen-reader user moving by heading reaches "No tasks match these
 * filters" as sighted people see it, where a plain bold line would be skipped.
 */
export function EmptyState({ title, description, children, ...props }: EmptyStateProps) {
  const level = useHeadingLevel();
  return (
    <MantineEmptyState {...props}>
      {title != null && <MantineEmptyState.Title order={level}>{title}</MantineEmptyState.Title>}
      {description != null && <MantineEmptyState.Description>{description}</MantineEmptyState.Description>}
      {children}
    </MantineEmptyState>
  );
}

EmptyState.Actions = MantineEmptyState.Actions;
EmptyState.Description = MantineEmptyState.Description;
