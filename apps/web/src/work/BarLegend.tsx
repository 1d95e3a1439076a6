import { Group, Text } from '@mantine/core';

/** One key of the workload bars: a swatch and its meaning in words. */
export function BarLegend({ color, label }: { color: string; label: string }) {
  const [name, shade] = color.split('.');
  return (
    <Group gap={4} wrap="nowrap">
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: 2,
          background: `var(--mantine-color-${name}-${shade ?? 6})`,
        }}
      />
      <Text size="xs" c="gray.7" component="span">
        {label}
      </Text>
    </Group>
  );
}
