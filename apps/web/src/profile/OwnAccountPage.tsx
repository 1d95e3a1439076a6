import { Stack, Text, Title } from '@mantine/core';
import type { Me } from '../api/types.ts';
import { ChangePassword } from './ChangePassword.tsx';
import { OwnSessions } from './OwnSessions.tsx';

/**
 * `/profile/account`: your password and where you are signed in. Accounts that sign in through the
 * clinic's sign-on change their password there; the sessions are still theirs to end here.
 */
export function OwnAccountPage({ me }: { me: Me }) {
  return (
    <Stack p="md" gap="md" maw={860} data-testid="own-account-page">
      <div>
        <Title order={2}>Your account</Title>
        <Text size="sm" c="gray.8">
          Signed in as <b>{me.user.displayName}</b> ({me.user.username}). If you sign in with your clinic’s
          sign-on, change that password with your clinic’s IT instead.
        </Text>
      </div>
      <ChangePassword />
      <OwnSessions />
    </Stack>
  );
}
