import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { accessLog, exportAccessLog, searchAccessLog } from '@portalflow/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Ban, Download, SearchX, Siren, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type CallInput, call, callFile } from '../api/call.ts';
import { countOf } from '../shell/plural.ts';
import { AccessDetails } from './AccessDetails.tsx';
import { AccessLogFilters } from './AccessLogFilters.tsx';
import { AccessOutcome } from './AccessOutcome.tsx';
import { AuditError } from './AuditError.tsx';
import { categoryWords } from './accessCategories.ts';
import { type AccessSort, type AccessSortKey, nextSort, sortAccessRows } from './accessLog.ts';
import { accessText, repeatsText, requestName } from './accessText.ts';
import { csvDataRows } from './csvRows.ts';
import { downloadText } from './download.ts';
import { PagingBar } from './PagingBar.tsx';
import { formatAuditTime, isDay, lastDays, periodBounds } from './period.ts';
import { roleTitles } from './roleTitle.ts';
import { SortHeader } from './SortHeader.tsx';
import { UserRef } from './UserRef.tsx';
import { useCursorPaging } from './useCursorPaging.ts';
import { useRoleTitles } from './useRoleTitles.ts';
import './access-log.css';

// Each column's class sets its width (access-log.css); the action takes the rest. On a narrow table the
// role, category and outcome columns fold into the person's and the action's cells.
const COLUMNS: Array<{ key: AccessSortKey; label: string; className?: string }> = [
  { key: 'at', label: 'At', className: 'pf-al-at' },
  { key: 'userId', label: 'Person', className: 'pf-al-person' },
  { key: 'role', label: 'Role', className: 'pf-al-role' },
  { key: 'action', label: 'Action' },
  { key: 'dataCategory', label: 'Category', className: 'pf-al-category' },
  { key: 'outcome', label: 'Outcome', className: 'pf-al-outcome' },
];

/**
 * `/audit/access-log`: who read or tried to read what in a period (default the last 7 days, clinic
 * time), filtered by user, instance and outcome; denials stand out. Each row is one line in words (the
 * route and ids behind its details); list reads are left out unless asked for or the report is about one
 * request, except those made under break-glass access (the server always returns them). Export gives the whole period the filters select as CSV (not the page shown): the same words and clinic times, every recorded column after them.
 */
export function AccessLogReport() {
  const [params, setParams] = useSearchParams();
  const defaults = useMemo(() => lastDays(7), []);
  const from = params.get('from') ?? defaults.from;
  const to = params.get('to') ?? defaults.to;
  const userId = params.get('user') ?? '';
  const instanceId = params.get('instance') ?? '';
  const outcome = params.get('outcome') ?? '';
  const category = params.get('category') ?? '';
  // Reads of practice (sandbox) instances are a report of their own, only when asked for.
  const practice = params.get('practice') === 'true';
  const emergencyOnly = params.get('emergency') === 'true';
  // A patient reference is patient data: it stays in the page and goes to the server in a POST body,
  // never in the address, as the request search's does.
  const [patient, setPatient] = useState('');
  // Lists (My work's queues, request lists) are most of the log and name dozens of requests each: left out
  // unless asked for, or unless the report is about one request (then the lists that showed it count).
  const showLists = params.get('lists') === 'show';
  const listsIncluded = showLists || instanceId !== '' || patient !== '';
  const roleTitle = useRoleTitles();
  const limit = params.get('limit') ?? '100';

  const set = (key: string, value: string) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  const reversed = isDay(from) && isDay(to) && from > to;
  const query = new URLSearchParams();
  const bounds = periodBounds(from, to);
  if (bounds.from) query.set('from', bounds.from);
  if (bounds.to) query.set('to', bounds.to);
  if (userId) query.set('userId', userId);
  if (instanceId) query.set('instanceId', instanceId);
  if (outcome === 'allow' || outcome === 'deny') query.set('outcome', outcome);
  if (category) query.set('category', category);
  if (!listsIncluded) query.set('listReads', 'false');
  // Newest first: an auditor looks at what just happened before paging back.
  query.set('order', 'newest');
  // A page refetched or a replay stepped through is one row with its count, not a row per read.
  query.set('repeats', 'fold');
  if (practice) query.set('practice', 'true');
  if (emergencyOnly) query.set('emergency', 'true');
  query.set('limit', limit);
  const paging = useCursorPaging(`${query.toString()}|${patient}`);
  if (paging.cursor) query.set('cursor', paging.cursor);

  const log = useQuery({
    queryKey: ['audit', 'access-log', query.toString(), patient],
    queryFn: () => {
      // The filters are built as URL parameters (they also key the cache); the contract checks them.
      const filters = Object.fromEntries(query);
      return patient
        ? call(searchAccessLog, {
            body: { ...filters, limit: Number(limit), patient } as CallInput<typeof searchAccessLog>['body'],
          })
        : call(accessLog, { query: filters as CallInput<typeof accessLog>['query'] });
    },
    placeholderData: keepPreviousData,
    enabled: !reversed,
  });

  const [sort, setSort] = useState<AccessSort>({ key: 'at', direction: 'descending' });
  const rows = useMemo(() => sortAccessRows(log.data?.items ?? [], sort), [log.data, sort]);
  const denied = rows.filter((r) => r.outcome === 'deny').length;
  const emergency = rows.filter((r) => r.emergencyAccessId).length;
  const filtered =
    userId !== '' ||
    instanceId !== '' ||
    patient !== '' ||
    outcome !== '' ||
    category !== '' ||
    emergencyOnly ||
    showLists ||
    params.has('from') ||
    params.has('to');
  const reset = () => {
    setPatient('');
    setParams(new URLSearchParams(), { replace: true });
  };
  // Opened from a replay's "Who opened this request": the request by name, as its rows give it.
  const about = instanceId ? rows.find((r) => r.instanceId === instanceId) : undefined;

  // The export is the whole period the filters select, from the server a page at a time, not the page
  // shown: every read its own row, in the screen's order (newest first), as the log stood when it was
  // asked for (its name says when). What it gave is said beside it until the filters change.
  const filtersKey = `${query.toString()}|${patient}`;
  const [exported, setExported] = useState<{ key: string; name: string; rows: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error | null>(null);
  const exportPeriod = async () => {
    const { repeats: _repeats, limit: _limit, cursor: _cursor, ...filters } = Object.fromEntries(query);
    setExporting(true);
    setExportError(null);
    try {
      const file = await callFile(exportAccessLog, {
        body: { ...filters, ...(patient ? { patient } : {}) } as CallInput<typeof exportAccessLog>['body'],
      });
      const csv = file.text;
      // The server's name: the moment the file stands as of, by the server's clock (UTC, no colon).
      const name = file.name ?? `access-log-${from}-to-${to}.csv`;
      // The browser reads the byte order mark away; Excel needs it to read the file as UTF-8.
      downloadText(name, csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`);
      setExported({ key: filtersKey, name, rows: csvDataRows(csv) });
    } catch (error) {
      setExportError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack h="100%" gap="sm" p="md" style={{ minHeight: 0 }} data-testid="access-log">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          Access log
        </Title>
        <Text size="sm" c="dimmed">
          Who read or tried to read what. Times are clinic time; both days are included.
        </Text>
      </Group>
      <AccessLogFilters
        values={{
          from,
          to,
          userId,
          instanceId,
          patient,
          outcome,
          category,
          practice,
          emergencyOnly,
          showLists,
          limit,
        }}
        set={set}
        setPatient={setPatient}
        reversed={reversed}
      />

      {instanceId && (
        <Group gap="xs" data-testid="access-log-about">
          <Text size="sm" fw={600}>
            Who opened {about ? requestName(about) : 'this request'}
          </Text>
          <Text size="sm" c="dimmed">
            · every read of it, and the lists that showed it
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => set('instance', '')}>
            Show every request
          </Button>
        </Group>
      )}

      {patient && !instanceId && (
        <Text size="sm" data-testid="access-log-about-patient">
          <b>Who opened any request of this patient</b>
          <Text span c="dimmed" size="sm">
            {' '}
            · every read of each, and the lists that showed one (the chart number stays off the page’s
            address)
          </Text>
        </Text>
      )}

      {log.isError && <AuditError title="The access log could not be read" error={log.error} />}

      <Group justify="space-between">
        <Text size="sm" aria-live="polite" data-testid="access-log-summary">
          {reversed ? (
            'The “To” day is before the “From” day: nothing to show'
          ) : log.isError ? (
            'Nothing read: see why above'
          ) : log.isPending ? (
            'Loading…'
          ) : (
            <>
              {rows.length} entr{rows.length === 1 ? 'y' : 'ies'} on this page
              {denied > 0 && (
                <Text span c="red.8" fw={600}>
                  {' '}
                  · <Ban size={13} aria-hidden /> {denied} denied
                </Text>
              )}
              {emergency > 0 && (
                <Text span c="red.9" fw={600} data-testid="access-log-emergency-count">
                  {' '}
                  · <Siren size={13} aria-hidden /> {emergency} under break-glass access
                </Text>
              )}
              {!listsIncluded && (
                <Text span c="dimmed" size="sm" data-testid="access-log-lists-hidden">
                  {' '}
                  · list reads hidden, except under break-glass access
                </Text>
              )}
              <Text span c="dimmed" size="sm">
                {' '}
                · sorting applies to the rows on this page
              </Text>
            </>
          )}
        </Text>
        <Group gap="xs">
          {filtered && (
            <Button size="xs" variant="subtle" leftSection={<X size={14} aria-hidden />} onClick={reset}>
              Last 7 days, no filters
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={<Download size={14} aria-hidden />}
            onClick={exportPeriod}
            loading={exporting}
            disabled={rows.length === 0 || reversed}
            data-testid="access-log-csv"
          >
            Export the whole period (CSV)
          </Button>
        </Group>
      </Group>
      {exportError !== null && (
        <AuditError title="The access log could not be exported" error={exportError} />
      )}
      {exported?.key === filtersKey && (
        <Text size="sm" role="status" data-testid="access-log-export-done">
          Saved {exported.name}: {countOf(exported.rows, 'entry', 'entries')}, the whole period these filters
          select as they stood then, newest first as listed here, each read its own row.
        </Text>
      )}

      <ScrollArea style={{ flex: 1, minHeight: 0 }} type="auto">
        {log.isPending && !reversed ? (
          <Group justify="center" p="xl">
            <Loader size="sm" role="status" aria-label="Loading the access log" />
          </Group>
        ) : rows.length === 0 && !log.isError ? (
          <Stack align="center" gap="xs" p="xl" data-testid="access-log-empty">
            <SearchX size={32} aria-hidden />
            <Text fw={600}>No access recorded for these filters</Text>
            <Text size="sm" c="dimmed" maw={520} ta="center">
              {reversed
                ? 'The “To” day is before the “From” day.'
                : 'Widen the period, or clear the patient, person, instance and outcome filters. A patient is found by chart number; user and instance ids must match exactly.'}
            </Text>
            {filtered && (
              <Button variant="light" size="xs" onClick={reset}>
                Last 7 days, no filters
              </Button>
            )}
          </Stack>
        ) : (
          <Box className="pf-access-log">
            <Table
              stickyHeader
              verticalSpacing={4}
              fz="sm"
              data-testid="access-log-table"
              aria-busy={log.isFetching}
            >
              <Table.Caption className="visually-hidden">
                Access log entries; column headers sort
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {COLUMNS.map((c) => (
                    <SortHeader
                      key={c.key}
                      label={c.label}
                      direction={sort.key === c.key ? sort.direction : null}
                      onSort={() => setSort((s) => nextSort(s, c.key))}
                      testId={`access-log-sort-${c.key}`}
                      {...(c.className ? { className: c.className } : {})}
                    />
                  ))}
                  <Table.Th className="pf-al-details">Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const deny = row.outcome === 'deny';
                  const glass = !!row.emergencyAccessId;
                  const roles = roleTitles(row.role, roleTitle);
                  const category = categoryWords(row.dataCategory);
                  return (
                    <Table.Tr
                      key={row.id}
                      data-testid={`access-log-row-${row.id}`}
                      data-outcome={row.outcome}
                      data-emergency={glass ? 'true' : undefined}
                      bg={
                        deny
                          ? 'var(--mantine-color-red-0)'
                          : glass
                            ? 'var(--mantine-color-orange-0)'
                            : undefined
                      }
                    >
                      <Table.Td title={row.at}>{formatAuditTime(row.at)}</Table.Td>
                      <Table.Td>
                        <UserRef id={row.userId} fallback="not signed in" truncate />
                        <Text size="xs" c="dimmed" className="pf-al-folded">
                          {roles}
                        </Text>
                      </Table.Td>
                      <Table.Td className="pf-al-role">{roles}</Table.Td>
                      <Table.Td>
                        <Text span size="sm" data-testid="access-log-what">
                          {row.instanceId ? (
                            <Anchor
                              component={Link}
                              to={`/audit/instances/${encodeURIComponent(row.instanceId)}`}
                              size="sm"
                              c="inherit"
                              underline="hover"
                              title="Replay this request"
                            >
                              {accessText(row)}
                            </Anchor>
                          ) : (
                            accessText(row)
                          )}
                        </Text>
                        {glass && (
                          <Group gap={6} wrap="nowrap" align="baseline" mt={2}>
                            <Badge
                              color="red.9"
                              variant="filled"
                              size="sm"
                              leftSection={<Siren size={12} aria-hidden />}
                              style={{ flexShrink: 0 }}
                              data-testid="access-log-emergency-flag"
                            >
                              Break glass
                            </Badge>
                            {row.emergencyReason && (
                              <Text size="xs" c="red.9" data-testid="access-log-emergency-reason">
                                Reason: {row.emergencyReason}
                              </Text>
                            )}
                          </Group>
                        )}
                        {row.repeats && (
                          <Text size="xs" c="dimmed" data-testid="access-log-repeats">
                            {repeatsText(row.repeats, (iso) => formatAuditTime(iso))}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed" className="pf-al-folded" data-testid="access-log-folded">
                          {category} · <AccessOutcome outcome={row.outcome} size="xs" />
                        </Text>
                      </Table.Td>
                      <Table.Td className="pf-al-category">{category}</Table.Td>
                      <Table.Td className="pf-al-outcome">
                        <AccessOutcome outcome={row.outcome} />
                      </Table.Td>
                      <Table.Td>
                        <AccessDetails row={row} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </ScrollArea>
      {rows.length > 0 && (
        <PagingBar
          page={paging.page}
          count={rows.length}
          hasPrevious={paging.hasPrevious}
          hasNext={!!log.data?.nextCursor}
          onPrevious={paging.previous}
          onNext={() => paging.next(log.data?.nextCursor ?? null)}
          noun="entry"
          plural="entries"
          testId="access-log-paging"
        />
      )}
    </Stack>
  );
}
