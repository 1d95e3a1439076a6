import { Anchor, Box, Button, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { Info } from 'lucide-react';
import { Link } from 'react-router';
import { countOf } from '../shell/plural.ts';
import type { AccessRow } from './accessLog.ts';
import { accessText, listedRequests } from './accessText.ts';

/**
 * What an access-log row recorded beyond its sentence, behind a button so the row stays one line: what
 * was done in the row's own words (never the route the browser called: that is for IT, in the CSV), the
 * request's id, the recorded detail, and for a list or search every request it showed (each opens that
 * request's replay). The CSV download carries all of it too.
 */
export function AccessDetails({ row }: { row: AccessRow }) {
  const listed = listedRequests(row.detail);
  const isList = row.detail?.includes('; instances: ') || /\([^)]*\)$/.test(row.detail ?? '');
  // A list's detail names its ids after the count: the words before them are enough here.
  const recorded = isList ? (row.detail ?? '').replace(/(; instances: .*| \([^)]*\))$/, '') : row.detail;
  return (
    <Popover position="bottom-end" width={380} withArrow shadow="md">
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<Info size={12} aria-hidden />}
          aria-label={`Details of this entry${listed.length ? `: ${countOf(listed.length, 'request')} shown` : ''}`}
          data-testid="access-log-details"
        >
          {listed.length ? countOf(listed.length, 'request') : 'Details'}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="access-log-details-panel">
        <Stack gap={4}>
          <Text size="xs" data-testid="access-log-details-what">
            <Text span c="dimmed" size="xs">
              What was done:{' '}
            </Text>
            {accessText(row)}
          </Text>
          {row.instanceId && (
            <Text size="xs">
              <Text span c="dimmed" size="xs">
                Request:{' '}
              </Text>
              <Anchor
                component={Link}
                to={`/audit/instances/${encodeURIComponent(row.instanceId)}`}
                ff="monospace"
                size="xs"
              >
                {row.instanceId}
              </Anchor>
            </Text>
          )}
          {recorded && (
            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" size="xs">
                Recorded:{' '}
              </Text>
              {recorded}
            </Text>
          )}
          {listed.length > 0 && (
            <Box>
              <Text size="xs" c="dimmed">
                Requests shown ({listed.length}):
              </Text>
              <ScrollArea.Autosize mah={200} type="auto">
                <Box component="ul" m={0} pl={16} data-testid="access-log-listed">
                  {listed.map((id) => (
                    <li key={id}>
                      <Anchor
                        component={Link}
                        to={`/audit/instances/${encodeURIComponent(id)}`}
                        ff="monospace"
                        size="xs"
                      >
                        {id}
                      </Anchor>
                    </li>
                  ))}
                </Box>
              </ScrollArea.Autosize>
            </Box>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
