import { Badge, Group, Stack, Text } from '@mantine/core';
import { useRoleCatalog } from '../accounts/api.ts';

/**
 * Who is signed in, at the foot of the menu, with each role by the name staff know it by ("Operations
 * lead", "Front desk receptionist"), not its id; the id stands in until the names arrive.
 */
export function SignedInAs({ username, roles }: { username: string; roles: readonly string[] }) {
  const catalog = useRoleCatalog();
  const nameOf = (id: string) => catalog.data?.find((r) => r.id === id)?.name ?? id;
  return (
    <Stack gap={4} mt="auto" pt="md">
      <Text size="xs" c="gray.7">
        Signed in as {username}
      </Text>
      <Group gap={4} data-testid="signed-in-roles">
        {roles.map((r) => (
          <Badge key={r} size="xs" variant="outline" color="teal.9" tt="none">
            {nameOf(r)}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
