import { ActionIcon, Box, Group, Slider, Text, Tooltip } from '@mantine/core';
import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * Moves the replay through the events: a slider (arrow keys, Home/End when focused), step back and
 * forward buttons, and first/last.
 */
export function Scrubber({
  at,
  count,
  onChange,
  caption,
}: {
  at: number;
  count: number;
  onChange: (seq: number) => void;
  caption: ReactNode;
}) {
  const go = (seq: number) => onChange(Math.min(count, Math.max(1, seq)));
  const marks = count <= 60 ? Array.from({ length: count }, (_, i) => ({ value: i + 1 })) : [];
  return (
    <Box
      px="md"
      py={8}
      style={{
        borderTop: '1px solid var(--mantine-color-gray-3)',
        background: 'var(--mantine-color-gray-0)',
      }}
      data-testid="audit-scrubber"
      role="group"
      aria-label="Replay position"
    >
      <Group gap="xs" wrap="nowrap">
        <Tooltip label="First event">
          <ActionIcon
            variant="default"
            onClick={() => go(1)}
            disabled={at <= 1}
            aria-label="First event"
            data-testid="scrubber-first"
          >
            <ChevronsLeft size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Step back (←)">
          <ActionIcon
            variant="default"
            onClick={() => go(at - 1)}
            disabled={at <= 1}
            aria-label="Step back one event"
            data-testid="scrubber-back"
          >
            <ChevronLeft size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Box style={{ flex: 1 }} px="xs">
          <Slider
            min={1}
            max={Math.max(count, 2)}
            step={1}
            value={at}
            onChange={go}
            disabled={count <= 1}
            marks={marks}
            label={(v) => `Event ${v}`}
            thumbLabel="Replay at event"
            thumbValueText={(v) => `Event ${v} of ${count}`}
            thumbProps={{ 'data-testid': 'scrubber-slider' } as React.ComponentProps<'div'>}
            size="sm"
          />
        </Box>
        <Tooltip label="Step forward (→)">
          <ActionIcon
            variant="default"
            onClick={() => go(at + 1)}
            disabled={at >= count}
            aria-label="Step forward one event"
            data-testid="scrubber-forward"
          >
            <ChevronRight size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Last event">
          <ActionIcon
            variant="default"
            onClick={() => go(count)}
            disabled={at >= count}
            aria-label="Last event"
            data-testid="scrubber-last"
          >
            <ChevronsRight size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text size="sm" mt={4} aria-live="polite" data-testid="scrubber-caption" truncate>
        {caption}
      </Text>
    </Box>
  );
}
