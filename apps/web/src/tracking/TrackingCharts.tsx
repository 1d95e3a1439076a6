import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { ColorSwatch, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { calendarDate } from '../shell/time.ts';
import { axisDuration, hoursAsDuration } from './duration.ts';
import type { Sheet } from './types.ts';

/**
 * One hue each, none a shade of another (Mantine's teal/cyan, indigo/blue and red/pink read as pairs),
 * each at least 4.3:1 on white so a thin stack still shows.
 */
const COLORS = [
  '#00796b', // teal
  '#1f5fbf', // blue
  '#c25400', // orange
  '#7b3fa0', // purple
  '#5a7d00', // olive
  '#c62828', // red
  '#5f6368', // grey
  '#9a7400', // gold
  '#c2185b', // magenta
  '#8d5a2b', // brown
];

/** Height per role in the time-to-complete chart: two bars and the role's name on one line. */
const ROW_PX = 34;
/** Room for the role names beside the bars: the longest catalog name fits without an ellipsis. */
const ROLE_AXIS_PX = 230;

/**
 * Volume over time (completed tasks per day, stacked by role) and time to complete by role. The volume
 * chart's legend sits below its plot, not inside it: with ten roles it would leave the bars ~35 px. Time to
 * complete is drawn sideways, one row per role, so every role's name is readable in full.
 */
export function TrackingCharts({ sheet }: { sheet: Sheet }) {
  const { volumeSeries, timeToComplete } = sheet.charts;
  // Days as every screen writes them: "Sun, Dec 6" in the tooltip, "Dec 6" under a bar.
  const volume = sheet.charts.volume.map((row) => ({
    ...row,
    day: typeof row.day === 'string' ? calendarDate(row.day) : row.day,
  }));
  const axisDay = (label: string) => label.replace(/^\w+, /, '');
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
          <>
            <BarChart
              h={220}
              data={volume}
              dataKey="day"
              type="stacked"
              series={volumeSeries.map((name, i) => ({ name, color: COLORS[i % COLORS.length]! }))}
              xAxisProps={{ tickFormatter: axisDay }}
              role="img"
              aria-label="Bar chart of tasks completed per day by role"
            />
            <Group gap="xs" mt="xs" data-testid="tracking-volume-legend">
              {volumeSeries.map((name, i) => (
                <Group key={name} gap={6} wrap="nowrap">
                  <ColorSwatch color={COLORS[i % COLORS.length]!} size={10} withShadow={false} />
                  <Text size="xs">{name}</Text>
                </Group>
              ))}
            </Group>
          </>
        )}
      </Paper>
      <Paper withBorder p="sm" data-testid="tracking-chart-time">
        <Title order={3} size="h5" mb="xs">
          Time to complete by role
        </Title>
        {timeToComplete.length === 0 ? (
          <Text size="sm" c="gray.7">
            No completed tasks in this period.
          </Text>
        ) : (
          <BarChart
            h={70 + ROW_PX * timeToComplete.length}
            // Keyed by `name`: recharts copies each row's fields onto its bars, and a `role` field would
            // become an invalid ARIA role there.
            data={timeToComplete.map(({ role, ...hours }) => ({ ...hours, name: role }))}
            dataKey="name"
            orientation="vertical"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 36 }}
            yAxisProps={{ width: ROLE_AXIS_PX, interval: 0 }}
            // The tooltip and the scale say "2 h 15 min", "15 min", as the table does: "0.25 h" made
            // people do arithmetic.
            valueFormatter={hoursAsDuration}
            xAxisProps={{ tickFormatter: axisDuration }}
            series={[
              { name: 'median', label: 'Median', color: 'teal.8' },
              { name: 'p90', label: '90th percentile', color: 'orange.8' },
            ]}
            role="img"
            aria-label="Bar chart of median and 90th percentile hours to complete by role"
          />
        )}
      </Paper>
    </SimpleGrid>
  );
}
