import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { Sheet } from './types.ts';

const COLORS = [
  'teal.8',
  'indigo.7',
  'orange.8',
  'grape.7',
  'cyan.9',
  'red.8',
  'lime.9',
  'blue.8',
  'pink.8',
  'yellow.9',
];

/** Volume over time (completed tasks per day, stacked by role) and time to complete by role. */
export function TrackingCharts({ sheet }: { sheet: Sheet }) {
  const { volume, volumeSeries, timeToComplete } = sheet.charts;
  const empty = volumeSeries.length === 0;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Paper withBorder p="sm" data-testid="tracking-chart-volume">
        <Title order={3} size="h5" mb="xs">
          Tasks completed per day
        </Title>
        {empty ? (
          <Text size="sm" c="gray.7">
            No completed tasks in this period.
          </Text>
        ) : (
          <BarChart
            h={220}
            data={volume}
            dataKey="day"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={volumeSeries.map((name, i) => ({ name, color: COLORS[i % COLORS.length]! }))}
            xAxisProps={{ tickFormatter: (d: string) => d.slice(5) }}
            aria-label="Bar chart of tasks completed per day by role"
          />
        )}
      </Paper>
      <Paper withBorder p="sm" data-testid="tracking-chart-time">
        <Title order={3} size="h5" mb="xs">
          Time to complete by role (hours)
        </Title>
        {timeToComplete.length === 0 ? (
          <Text size="sm" c="gray.7">
            No completed tasks in this period.
          </Text>
        ) : (
          <BarChart
            h={220}
            data={timeToComplete}
            dataKey="role"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: 'median', label: 'Median', color: 'teal.8' },
              { name: 'p90', label: '90th percentile', color: 'orange.8' },
            ]}
            xAxisProps={{ tickFormatter: (r: string) => (r.length > 18 ? `${r.slice(0, 17)}…` : r) }}
            aria-label="Bar chart of median and 90th percentile hours to complete by role"
          />
        )}
      </Paper>
    </SimpleGrid>
  );
}
