import { Alert, Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../api/types.ts';
import { isAuditor, isLead } from '../auth/useMe.ts';
import { ApprovalBadge } from './ApprovalBadge.tsx';
import { useRoles } from './api.ts';
import { dutiesText } from './duties.ts';
import './print.css';

/** The role catalog: every role of the published workflows, who holds it and its sign-off state. */
export function RolesPage({ me }: { me: Me }) {
  const roles = useRoles();
  // Words by what the reader may do: only leads edit and sign off; leads and auditors keep count.
  const lead = isLead(me.user.roles);
  const oversees = lead || isAuditor(me.user.roles);
  return (
    <Stack p="md" gap="md" className="pf-document" data-testid="roles-page">
      <Group justify="space-between">
        <Title order={2}>Roles and job descriptions</Title>
        {roles.data && oversees && (
          <Text size="sm" c="gray.7">
            {roles.data.filter((r) => r.state !== 'approved').length} of {roles.data.length} need sign-off
          </Text>
        )}
      </Group>
      <Text size="sm" c="gray.7" maw={760}>
        Each role's duties come from the published workflows: the steps it owns, the deadlines it must meet,
        the escalations that land on it and who it works with.{' '}
        {lead
          ? 'Open a role to read, edit, print or sign off its job description.'
          : 'Open a role to read or print its job description.'}
      </Text>
      {roles.isPending && <Loader role="status" aria-label="Loading roles" />}
      {roles.error && (
        <Alert color="red" title="Could not load roles">
          {roles.error.message}
        </Alert>
      )}
      {roles.data && (
        <Table striped highlightOnHover withTableBorder data-testid="role-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Role</Table.Th>
              <Table.Th>Department</Table.Th>
              <Table.Th>Held by</Table.Th>
              <Table.Th>Duties</Table.Th>
              <Table.Th>Sign-off</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...roles.data]
              .sort((a, b) => a.department.localeCompare(b.department) || a.name.localeCompare(b.name))
              .map((r) => (
                <Table.Tr key={r.id} data-testid="role-row" data-role={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/roles/${encodeURIComponent(r.id)}`} fw={600}>
                      {r.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.department || '—'}</Table.Td>
                  <Table.Td>
                    {r.holders.length === 0 ? (
                      <Text size="sm" c="gray.7">
                        Nobody yet
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {r.holders.map((h) => (
                          <Badge
                            key={h.id}
                            variant="outline"
                            color="gray.8"
                            tt="none"
                            // A person's name in full, never cut.
                            style={{ minWidth: 'max-content' }}
                          >
                            {h.displayName}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{dutiesText(r.counts)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ApprovalBadge state={r.state} />
                      {r.state === 'needs-reapproval' && r.counts.changes > 0 && (
                        <Text size="xs" c="gray.7">
                          {r.counts.changes} {r.counts.changes === 1 ? 'change' : 'changes'}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
