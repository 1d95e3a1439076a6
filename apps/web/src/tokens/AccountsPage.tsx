import { Alert, Badge, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAccounts, useTokens } from './api.ts';
import { TokenTable } from './TokenTable.tsx';

function AccountTokens({ userId }: { userId: string }) {
  const tokens = useTokens(userId);
  if (tokens.isPending) return <Loader role="status" aria-label="Loading the account's tokens" />;
  if (tokens.error)
    return (
      <Alert color="red" title="Could not load the tokens">
        {tokens.error.message}
      </Alert>
    );
  return <TokenTable tokens={tokens.data} userId={userId} />;
}

/** Admins: every account, and any account's API tokens to review and revoke. */
export function AccountsPage() {
  const accounts = useAccounts();
  const [userId, setUserId] = useState<string | null>(null);
  if (accounts.isPending) return <Loader role="status" aria-label="Loading accounts" m="md" />;
  if (accounts.error)
    return (
      <Alert color="red" m="md" title="Could not load accounts">
        {accounts.error.message}
      </Alert>
    );
  const selected = accounts.data.find((a) => a.id === userId);
  return (
    <Stack p="md" gap="md" maw={1100} data-testid="accounts-page">
      <Title order={2}>Accounts</Title>
      <Select
        label="Account"
        placeholder="Choose an account"
        searchable
        data={accounts.data.map((a) => ({
          value: a.id,
          label: `${a.displayName} (${a.username})${a.disabled ? ' — disabled' : ''}`,
        }))}
        value={userId}
        onChange={setUserId}
        data-testid="account-select"
        w={420}
      />
      {selected && (
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={500}>{selected.displayName}</Text>
            {selected.roles.map((r) => (
              <Badge key={r} size="sm" variant="outline" color="teal.9">
                {r}
              </Badge>
            ))}
          </Group>
          <Title order={3} size="h4">
            API tokens
          </Title>
          <AccountTokens userId={selected.id} />
        </Stack>
      )}
    </Stack>
  );
}
