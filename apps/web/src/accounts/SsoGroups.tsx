import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type GroupRoles, saveSsoGroups, ssoGroups } from '@portalflow/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/call.ts';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { formatWhen } from '../shell/time.ts';
import type { CatalogRole } from './api.ts';
import { roleOptions } from './CreatePerson.tsx';

/** `{"nurses":["triage-nurse"]}` → `nurses: triage-nurse` for the change list. */
const describe = (json: string) => {
  const mapping = JSON.parse(json) as Record<string, string[]>;
  const parts = Object.entries(mapping).map(([group, roles]) => `${group}: ${roles.join(', ')}`);
  return parts.length ? parts.join('; ') : '(nothing mapped)';
};

/**
 * Admins: which of the provider's groups give which roles here. People signing in through the
 * provider get exactly the roles their groups map to, at every sign-in; no mapped role, no entry.
 */
export function SsoGroups({ roles }: { roles: CatalogRole[] }) {
  const client = useQueryClient();
  const view = useQuery({ queryKey: ['sso-groups'], queryFn: () => call(ssoGroups, {}) });
  const [rows, setRows] = useState<GroupRoles[]>([]);
  useEffect(() => {
    if (view.data) setRows(view.data.mapping);
  }, [view.data]);
  // Which row each group sent came from (empty rows are left out), so a refused `mapping.2.group`
  // is said under the row it was typed in.
  const sentRows = useRef<number[]>([]);
  const focusRefused = useFocusFirstRefused();
  const save = useMutation({
    mutationFn: () => {
      sentRows.current = rows.flatMap((r, i) => (r.group.trim() !== '' || r.roles.length > 0 ? [i] : []));
      return call(saveSsoGroups, {
        body: {
          mapping: sentRows.current.map((i) => rows[i]!),
          // The newest change this screen showed: another admin's save since is refused, not replaced.
          expectedChange: view.data?.changes[0]?.id ?? 0,
        },
      });
    },
    onSuccess: (saved) => client.setQueryData(['sso-groups'], saved),
    onError: (error) => focusRefused(refusalOf(error, Object.keys(inputs())).fields, inputs()),
  });
  /** Each field sent, by its place in the body, in the table's order: its input's id. */
  const inputs = () =>
    Object.fromEntries(
      sentRows.current.flatMap((row, j) => [
        [`mapping.${j}.group`, `sso-group-${row}`],
        [`mapping.${j}.roles`, `sso-roles-${row}`],
      ]),
    );
  const refusal = refusalOf(save.error, Object.keys(inputs()));
  const refusedIn = (row: number, field: 'group' | 'roles') => {
    const j = sentRows.current.indexOf(row);
    return j < 0 ? undefined : refusal.fields[`mapping.${j}.${field}`];
  };

  if (view.isPending) return <Loader role="status" aria-label="Loading the group mapping" />;
  if (view.error)
    return (
      <Alert color="red" title="Could not load the group mapping">
        {view.error.message}
      </Alert>
    );
  const provider = view.data.provider;
  // An edit makes the refusal out of date (and a row added or taken off moves the rows it names).
  const edit = (next: (all: GroupRoles[]) => GroupRoles[]) => {
    setRows(next);
    if (save.error) save.reset();
  };
  const update = (i: number, patch: Partial<GroupRoles>) =>
    edit((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Stack data-testid="sso-groups">
      <Text size="sm">
        {provider
          ? `People signing in with ${provider.name} get the roles their groups (the “${provider.groupsClaim}” claim) map to here, at every sign-in. Someone whose groups map to no role cannot sign in that way.`
          : 'Single sign-on is not set up on this server (see the PORTALFLOW_OIDC_* settings); the mapping can be prepared now.'}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Provider group</Table.Th>
            <Table.Th>Roles here</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id of their own
            <Table.Tr key={i}>
              <Table.Td>
                <TextInput
                  aria-label={`Group ${i + 1}`}
                  id={`sso-group-${i}`}
                  error={refusedIn(i, 'group')}
                  value={row.group}
                  onChange={(e) => update(i, { group: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <MultiSelect
                  aria-label={`Roles for group ${i + 1}`}
                  id={`sso-roles-${i}`}
                  error={refusedIn(i, 'roles')}
                  data={roleOptions(roles)}
                  value={row.roles}
                  onChange={(picked) => update(i, { roles: picked })}
                  searchable
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove group ${i + 1}`}
                  onClick={() => edit((all) => all.filter((_, j) => j !== i))}
                >
                  <Trash2 size={16} aria-hidden />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="default"
          leftSection={<Plus size={16} aria-hidden />}
          onClick={() => edit((all) => [...all, { group: '', roles: [] }])}
        >
          Add a group
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          Save mapping
        </Button>
      </Group>
      {refusal.above && (
        <Alert color="red" role="alert" title="Not saved">
          {refusal.above}
        </Alert>
      )}
      {save.isSuccess && (
        <Text size="sm" role="status" c="teal">
          Saved. It applies from each person’s next sign-in.
        </Text>
      )}
      <Title order={3} size="h5">
        Changes to the mapping
      </Title>
      {view.data.changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes yet.
        </Text>
      ) : (
        <Stack gap={4}>
          {view.data.changes.map((change) => (
            <Text key={change.id} size="sm" data-testid="sso-change">
              {formatWhen(change.at)} by {change.actorName ?? 'someone outside the app'}:{' '}
              {describe(change.oldValue)} → {describe(change.newValue)}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
