import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Search, UserPlus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { formatWhen } from '../shell/time.ts';
import { WHOLE_LABEL } from '../shell/wholeLabel.ts';
import { type CatalogRole, usePeople, useRoleCatalog } from './api.ts';
import { CreatePerson } from './CreatePerson.tsx';
import { ImportStaff } from './ImportStaff.tsx';
import { PersonPanel } from './PersonPanel.tsx';
import { SsoGroups } from './SsoGroups.tsx';
import { SsoStatusPanel } from './SsoStatusPanel.tsx';
import { TrailByPerson } from './TrailByPerson.tsx';
import { TwoFactorCell } from './TwoFactorCell.tsx';

const roleName = (roles: CatalogRole[], id: string) => roles.find((r) => r.id === id)?.name ?? id;

/** Admins: the clinic's people, their roles and sign-in state; add, change, import, and the change history. */
export function AccountsPage() {
  const people = usePeople();
  const catalog = useRoleCatalog();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const roles = catalog.data ?? [];

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    // By the name the table shows first, as a clinic's staff list reads; the server lists by username.
    const byName = [...(people.data ?? [])].sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username),
    );
    if (!q) return byName;
    return byName.filter((p) =>
      [p.displayName, p.username, ...p.roles, ...p.roles.map((r) => roleName(roles, r))].some((s) =>
        s.toLowerCase().includes(q),
      ),
    );
  }, [people.data, search, roles]);

  if (people.isPending) return <Loader role="status" aria-label="Loading people" m="md" />;
  if (people.error)
    return (
      <Alert color="red" m="md" title="Could not load people">
        {people.error.message}
      </Alert>
    );
  const open = people.data.find((p) => p.id === openId) ?? null;

  return (
    <Stack p="md" gap="md" maw={1200} data-testid="accounts-page">
      <Title order={2}>People and accounts</Title>
      <Tabs defaultValue="people" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="people">People</Tabs.Tab>
          <Tabs.Tab value="import">Import staff list</Tabs.Tab>
          <Tabs.Tab value="changes">Change history</Tabs.Tab>
          <Tabs.Tab value="sso">Single sign-on</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people" pt="md">
          <Stack>
            <Group justify="space-between">
              <TextInput
                aria-label="Search people"
                placeholder="Search by name, username or role"
                leftSection={<Search size={16} aria-hidden />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={360}
              />
              <Button leftSection={<UserPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                Add person
              </Button>
            </Group>
            <Table striped highlightOnHover data-testid="people-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last signed in</Table.Th>
                  <Table.Th>Two-factor</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((p) => (
                  // The whole row opens the person, as a list of people does elsewhere; Manage is the
                  // row's way in by keyboard.
                  <Table.Tr
                    key={p.id}
                    data-username={p.username}
                    onClick={() => setOpenId(p.id)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.displayName}
                      </Text>
                      <Text size="xs" c="gray.7">
                        {p.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {p.roles.length === 0 && (
                          <Text size="xs" c="gray.7">
                            no roles
                          </Text>
                        )}
                        {p.roles.map((r) => (
                          <Badge
                            key={r}
                            size="sm"
                            variant="outline"
                            color="teal.9"
                            tt="none"
                            styles={WHOLE_LABEL}
                          >
                            {roleName(roles, r)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={p.disabled ? 'gray.7' : 'teal.9'}
                        variant={p.disabled ? 'outline' : 'filled'}
                        styles={WHOLE_LABEL}
                      >
                        {p.disabled ? 'Disabled' : 'Active'}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="pf-time">
                      {p.lastSignInAt ? formatWhen(p.lastSignInAt) : 'Never'}
                    </Table.Td>
                    <Table.Td>
                      <TwoFactorCell person={p} />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setOpenId(p.id)}
                        aria-label={`Manage ${p.displayName}`}
                      >
                        Manage
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {shown.length === 0 && (
              <Text size="sm" c="gray.7">
                Nobody matches “{search}”.
              </Text>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportStaff />
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="md">
          <TrailByPerson />
        </Tabs.Panel>
        <Tabs.Panel value="sso" pt="md">
          <Stack gap="xl">
            <SsoStatusPanel />
            <Stack gap="sm">
              <Title order={3} size="h4">
                Provider groups and the roles they give
              </Title>
              <SsoGroups roles={roles} />
            </Stack>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <CreatePerson opened={creating} onClose={() => setCreating(false)} roles={roles} />
      <Drawer
        opened={open !== null}
        onClose={() => setOpenId(null)}
        position="right"
        closeButtonProps={{ 'aria-label': 'Close' }}
        size="xl"
        title={open?.displayName}
      >
        {open && <PersonPanel person={open} roles={roles} />}
      </Drawer>
    </Stack>
  );
}
