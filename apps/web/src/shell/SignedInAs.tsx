import { Stack, Text } from '@mantine/core';
import { idToWords } from '@portalflow/engine';
import { useRoleCatalog } from '../accounts/api.ts';

/**
 * Who is signed in, at the foot of the menu, with each role by the name staff know it by ("Operations
 * lead", "Front desk receptionist"), not its id. No role shows until the names arrive: an id standing in
 * ("medical-assistant") changed to the title a moment later. Should they not come, the id in words.
 */
export function SignedInAs({ username, roles }: { username: string; roles: readonly string[] }) {
  const catalog = useRoleCatalog();
  const nameOf = (id: string) => catalog.data?.find((r) => r.id === id)?.name ?? idToWords(id);
  return (
    <Stack
      gap={2}
      pt="xs"
      data-testid="signed-in-as"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Text size="xs" c="gray.7">
        Signed in as {username}
      </Text>
      {/* Plain lines, not badges: "Medical assistant (care-team pool)" wraps whole instead of being cut. */}
      <Stack gap={0} data-testid="signed-in-roles">
        {!catalog.isPending &&
          roles.map((r) => (
            <Text key={r} size="xs" fw={600} c="teal.9" lh={1.3}>
              {nameOf(r)}
            </Text>
          ))}
      </Stack>
    </Stack>
  );
}
