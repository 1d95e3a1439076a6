import { Alert, Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDefinitionList } from '../api/useDefinitionList.ts';
import { formatWhen } from '../shell/time.ts';

/** Every published workflow, each opening its handbook at the latest version. */
export function HandbookIndex() {
  const list = useDefinitionList();
  const published = (list.data ?? []).filter((d) => d.latestVersion !== null);
  return (
    <Stack p="md" gap="md" data-testid="handbook-index">
      <Title order={2}>Workflow handbook</Title>
      <Text size="sm" c="gray.7" maw={760}>
        How each portal workflow runs across departments: the swimlane diagram, every step with its owner,
        outcomes, deadlines and help, and what changed in each version. Print it or download it for the
        binder.
      </Text>
      {list.isPending && <Loader role="status" aria-label="Loading workflows" />}
      {list.error && (
        <Alert color="red" title="Could not load workflows">
          {list.error.message}
        </Alert>
      )}
      {list.data && published.length === 0 && <Text size="sm">No workflow is published yet.</Text>}
      {published.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Workflow</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Published</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {published.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/handbook/${encodeURIComponent(d.id)}/${d.latestVersion}`}
                    fw={600}
                    data-testid="handbook-link"
                  >
                    {d.title}
                  </Anchor>
                </Table.Td>
                <Table.Td data-testid="handbook-version">{d.latestVersion}</Table.Td>
                <Table.Td className="pf-time">{formatWhen(d.latestPublishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
