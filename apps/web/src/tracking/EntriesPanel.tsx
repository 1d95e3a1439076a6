import { ActionIcon, Badge, Button, Group, Modal, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import {
  type CreateEntryInput,
  createTrackingEntry,
  deleteTrackingEntry,
  editTrackingEntry,
} from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { History, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { notifications } from '../shell/notifications.ts';
import { formatDate } from '../shell/time.ts';
import { type EntryDraft, EntryForm } from './EntryForm.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { describeEntry, KIND_LABELS } from './entryKinds.ts';
import { entriesOptions } from './firstView.ts';
import type { TrackingEntry } from './types.ts';

/**
 * Manual entries for the period: shifts, trainings, support contacts, FAQ items, project tasks. The
 * person adds, edits and deletes their own (leads anyone's); every change lands in the entry's audit trail.
 */
export function EntriesPanel({
  from,
  to,
  person,
  meId,
  lead,
  canWrite,
  nameOf,
  people,
  role,
}: {
  from: string;
  to: string;
  person: string;
  meId: string;
  lead: boolean;
  canWrite: boolean;
  nameOf: (id: string | null) => string;
  people: Array<{ value: string; label: string }>;
  /**
   * The Role filter: an entry is a person's, never a role's, so the list keeps the entries of the people
   * who hold the role (as the sheet's "Work outside workflows" counts them) and says so.
   */
  role?: { title: string; holders: ReadonlySet<string> };
}) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<TrackingEntry | null | 'new'>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TrackingEntry | null>(null);
  const [error, setError] = useState<unknown>(null);
  const entries = useQuery(entriesOptions(from, to, person));
  const refresh = () => client.invalidateQueries({ queryKey: ['tracking'] });

  const save = useMutation({
    mutationFn: (draft: EntryDraft) =>
      editing && editing !== 'new'
        ? call(editTrackingEntry, {
            params: { id: editing.id },
            body: { revision: editing.revision, day: draft.day, fields: draft.fields },
            idempotencyKey: newIdempotencyKey(),
          })
        : call(createTrackingEntry, {
            body: draft as CreateEntryInput,
            idempotencyKey: newIdempotencyKey(),
          }),
    onSuccess: () => {
      setEditing(null);
      setError(null);
      notifications.show({ color: 'teal', title: 'Saved', message: 'The entry is on the tracking sheet.' });
      void refresh();
    },
    onError: (e) => setError(e instanceof ApiError ? e : new Error('Could not save the entry')),
  });

  const remove = useMutation({
    mutationFn: (entry: TrackingEntry) =>
      call(deleteTrackingEntry, {
        params: { id: entry.id },
        query: { revision: entry.revision },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: () => {
      notifications.show({
        color: 'gray',
        title: 'Deleted',
        message: 'The entry was removed; its history stays.',
      });
      void refresh();
    },
    onError: (e) =>
      notifications.show({
        color: 'red',
        title: 'Not deleted',
        message: e instanceof Error ? e.message : '',
      }),
  });

  const confirmDelete = (entry: TrackingEntry) => setDeleting(entry);

  const list = (entries.data?.entries ?? []).filter((e) => !role || role.holders.has(e.userId));
  const mayEdit = (e: TrackingEntry) => canWrite && (lead || e.userId === meId);
  return (
    <Paper withBorder p="sm" data-testid="tracking-entries">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          Entries for work done outside workflows
        </Title>
        {canWrite && (
          <Button
            size="compact-sm"
            leftSection={<Plus size={14} aria-hidden />}
            onClick={() => {
              setError(null);
              setEditing('new');
            }}
            data-testid="entry-add"
          >
            Add entry
          </Button>
        )}
      </Group>
      {role && (
        <Text size="sm" c="gray.7" mb="xs" data-testid="tracking-entries-note">
          Entries belong to a person, not a role: these are the entries of the people who hold the role{' '}
          {role.title}.
        </Text>
      )}
      {list.length === 0 ? (
        <Text size="sm" c="gray.7">
          No entries in this period.
          {canWrite ? ' Add shifts, trainings, support contacts, FAQ items or project tasks.' : ''}
        </Text>
      ) : (
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>Person</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((e) => (
              <Table.Tr key={e.id} data-testid={`entry-row-${e.id}`}>
                <Table.Td>{formatDate(e.day)}</Table.Td>
                <Table.Td>{nameOf(e.userId)}</Table.Td>
                <Table.Td>
                  <Badge tt="none" variant="outline" color="gray.7">
                    {KIND_LABELS[e.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td>{describeEntry(e.kind, e.fields)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Tooltip label="History">
                      <ActionIcon
                        variant="subtle"
                        aria-label="History"
                        onClick={() => setHistoryOf(e.id)}
                        data-testid="entry-history-button"
                      >
                        <History size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    {mayEdit(e) && (
                      <>
                        <Tooltip label="Edit">
                          <ActionIcon
                            variant="subtle"
                            aria-label="Edit"
                            onClick={() => {
                              setError(null);
                              setEditing(e);
                            }}
                            data-testid="entry-edit"
                          >
                            <Pencil size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete">
                          <ActionIcon
                            variant="subtle"
                            color="red.9"
                            aria-label="Delete"
                            onClick={() => confirmDelete(e)}
                            data-testid="entry-delete"
                          >
                            <Trash2 size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing !== null && (
        <EntryForm
          opened
          entry={editing === 'new' ? null : editing}
          defaultDay={to}
          people={lead ? people : undefined}
          busy={save.isPending}
          error={error}
          onClose={() => setEditing(null)}
          onSave={(d) => save.mutate(d)}
        />
      )}
      <EntryHistory entryId={historyOf} nameOf={nameOf} onClose={() => setHistoryOf(null)} />
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this entry?"
      >
        <Text size="sm">It leaves the sheet. Its history (who recorded and changed it) is kept.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Keep
          </Button>
          <Button
            color="red.9"
            data-testid="entry-delete-confirm"
            onClick={() => {
              if (deleting) remove.mutate(deleting);
              setDeleting(null);
            }}
          >
            Delete
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
