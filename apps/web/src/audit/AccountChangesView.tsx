import { Box, Title } from '@mantine/core';
import { TrailByPerson } from '../accounts/TrailByPerson.tsx';

/**
 * Who gave whom which role, disabled or renamed an account, reset a password or a second factor:
 * the account change trail, read by auditors beside the access log (an access review needs both),
 * the whole of it or one person's.
 */
export function AccountChangesView() {
  return (
    <Box h="100%" p="md" style={{ overflow: 'auto' }} data-testid="audit-account-changes">
      <TrailByPerson
        beside={
          <Title order={2} size="h3">
            Account changes
          </Title>
        }
      />
    </Box>
  );
}
