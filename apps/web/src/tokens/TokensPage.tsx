import {
  Alert,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { SecretShownOnce } from '../shell/SecretShownOnce.tsx';
import { useCreateToken, useTokenLifetime, useTokens } from './api.ts';
import { TokenTable } from './TokenTable.tsx';

/** The form's fields, in its order, by their place in the body: each input's id. */
const INPUTS = { name: 'token-name', lifetimeDays: 'token-days' };
const ABOUT_LIFETIME = { TOKEN_LIFETIME_TOO_LONG: 'lifetimeDays' };

/**
 * The signed-in user's API tokens, for scripts and integrations: make one (name, scope, lifetime; the
 * secret is shown this once), see when each was used and when it ends, revoke.
 */
export function TokensPage() {
  const tokens = useTokens(null);
  const lifetime = useTokenLifetime().data;
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'act'>('read');
  const [days, setDays] = useState<number | string>('');
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);
  const focusRefused = useFocusFirstRefused();
  const refusal = refusalOf(create.error, Object.keys(INPUTS), ABOUT_LIFETIME);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMade(null);
    const lifetimeDays = typeof days === 'number' ? days : undefined;
    const res = await create
      .mutateAsync({ name: name.trim(), scope, ...(lifetimeDays ? { lifetimeDays } : {}) })
      .catch((error: unknown) => {
        focusRefused(refusalOf(error, Object.keys(INPUTS), ABOUT_LIFETIME).fields, INPUTS);
        return null;
      });
    if (res) {
      setMade({ name: res.token.name, secret: res.secret });
      setName('');
    }
  }

  return (
    <Stack p="md" gap="md" maw={1100} data-testid="tokens-page">
      <Title order={2}>API tokens</Title>
      <Text size="sm" c="gray.8">
        A token lets a script or another system use portalflow as you, with your roles, until it expires or is
        revoked. A read-only token can only look; choose “Read and act” only if the script must change things.
        Changing your password or roles ends all your tokens.
      </Text>
      <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="New API token">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Name"
              description="What uses it, e.g. “nightly export”"
              required
              maxLength={200}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                // The server's words were about what was sent: a changed name is not refused yet.
                if (refusal.fields.name) create.reset();
              }}
              id={INPUTS.name}
              error={refusal.fields.name}
              data-testid="token-name"
              w={280}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="token-scope-label">
                Scope
              </Text>
              <SegmentedControl
                aria-labelledby="token-scope-label"
                value={scope}
                onChange={(v) => setScope(v as 'read' | 'act')}
                data={[
                  { value: 'read', label: 'Read only' },
                  { value: 'act', label: 'Read and act' },
                ]}
                data-testid="token-scope"
              />
            </Stack>
            <NumberInput
              label="Lifetime (days)"
              description={
                lifetime
                  ? `Empty: ${lifetime.defaultDays} days; at most ${lifetime.maxDays}`
                  : "Empty: the server's default"
              }
              min={1}
              // A longer one is not cut down unseen: the server says the limit in words.
              clampBehavior="none"
              allowDecimal={false}
              value={days}
              onChange={(value) => {
                setDays(value);
                if (refusal.fields.lifetimeDays) create.reset();
              }}
              id={INPUTS.lifetimeDays}
              error={refusal.fields.lifetimeDays}
              data-testid="token-days"
              w={180}
            />
            <Button
              type="submit"
              leftSection={<KeyRound size={16} aria-hidden />}
              loading={create.isPending}
              data-testid="token-create"
            >
              Create token
            </Button>
          </Group>
          {refusal.above && (
            <Alert color="red" title="Not created" role="alert">
              {refusal.above}
            </Alert>
          )}
        </Stack>
      </Paper>
      {made && (
        <SecretShownOnce
          title={`Token “${made.name}” created`}
          secret={made.secret}
          testId="token-secret"
          onDone={() => setMade(null)}
        />
      )}
      <Title order={3} size="h4">
        Your tokens
      </Title>
      {tokens.isPending ? (
        <Loader role="status" aria-label="Loading your tokens" />
      ) : tokens.error ? (
        <Alert color="red" title="Could not load your tokens">
          {tokens.error.message}
        </Alert>
      ) : (
        <TokenTable tokens={tokens.data} userId={null} />
      )}
    </Stack>
  );
}
