import { Button, Group, Text } from '@mantine/core';
import { Eye, EyeOff, Lock } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * The button that opens patient information on the audit page (the instance's data, its files), with
 * the line that says opening it is recorded. Closed by default: an auditor reads it when needed.
 */
export function RevealToggle(props: {
  open: boolean;
  onToggle: () => void;
  /** The id of the element it opens. */
  controls: string;
  show: string;
  hide: string;
  testId: string;
  children: ReactNode;
}) {
  const { open, onToggle, controls, show, hide, testId, children } = props;
  return (
    <Group gap="xs">
      <Button
        size="compact-sm"
        variant={open ? 'light' : 'default'}
        leftSection={open ? <EyeOff size={14} aria-hidden /> : <Eye size={14} aria-hidden />}
        onClick={onToggle}
        aria-expanded={open}
        aria-controls={controls}
        data-testid={testId}
      >
        {open ? hide : show}
      </Button>
      <Text size="xs" c="dimmed">
        <Lock size={12} aria-hidden /> {children}
      </Text>
    </Group>
  );
}
