import { Alert, Badge, Button, Divider, Group, Loader, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { formatWhen } from '../shell/time.ts';
import { useTokens } from '../tokens/api.ts';
import { TokenTable } from '../tokens/TokenTable.tsx';
import {
  type CatalogRole,
  endAllSessions,
  endSession,
  issueCode,
  type Person,
  patchPerson,
  useAccountAction,
  usePersonSessions,
} from './api.ts';
import { ChangeTrail } from './ChangeTrail.tsx';
import { roleOptions } from './CreatePerson.tsx';
import { OneTimeCode } from './OneTimeCode.tsx';
import { SessionTable } from './SessionTable.tsx';

const failed = (title: string) => (error: Error) =>
  notifications.show({ color: 'red', title, message: error.message });

function Sessions({ person }: { person: Person }) {
  const sessions = usePersonSessions(person.id);
  const end = useAccountAction((sessionId: string) => endSession(person.id, sessionId));
  const endAll = useAccountAction(() => endAllSessions(person.id));
  if (sessions.isPending) return <Loader size="sm" role="status" aria-label="Loading sessions" />;
  if (sessions.error) return <Alert color="red">{sessions.error.message}</Alert>;
  if (sessions.data.length === 0)
    return (
      <Text size="sm" c="gray.7">
        Not signed in anywhere.
      </Text>
    );
  return (
    <Stack gap="xs">
      <SessionTable
        sessions={sessions.data}
        onEnd={(s) => void end.mutateAsync(s.id).catch(failed('Not ended'))}
        ending={end.isPending ? (end.variables ?? null) : null}
        testId="person-sessions"
      />
      <Group>
        <Button
          size="xs"
          color="red"
          variant="light"
          onClick={() => endAll.mutateAsync(undefined).catch(failed('Not ended'))}
        >
          Sign out everywhere
        </Button>
      </Group>
    </Stack>
  );
}

function Tokens({ userId }: { userId: string }) {
  const tokens = useTokens(userId);
  if (tokens.isPending) return <Loader size="sm" role="status" aria-label="Loading API tokens" />;
  if (tokens.error) return <Alert color="red">{tokens.error.message}</Alert>;
  if (tokens.data.length === 0)
    return (
      <Text size="sm" c="gray.7">
        No API tokens.
      </Text>
    );
  return <TokenTable tokens={tokens.data} userId={userId} />;
}

/** Everything an admin does to one person's account. */
export function PersonPanel({ person, roles }: { person: Person; roles: CatalogRole[] }) {
  const [picked, setPicked] = useState(person.roles);
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  useEffect(() => setPicked(person.roles), [person.roles]);
  const patch = useAccountAction((body: Record<string, unknown>) => patchPerson(person.id, body));
  const reset = useAccountAction(() => issueCode(person.id));
  const rolesChanged = [...picked].sort().join() !== [...person.roles].sort().join();

  const run = (body: Record<string, unknown>, done: string) =>
    patch
      .mutateAsync(body)
      .then(() => notifications.show({ color: 'teal', title: 'Saved', message: done }))
      .catch(failed('Not changed'));

  return (
    <Stack gap="md" data-testid="person-panel">
      <Group gap="xs">
        <Badge color={person.disabled ? 'gray.7' : 'teal.9'}>{person.disabled ? 'Disabled' : 'Active'}</Badge>
        <Text size="sm" c="gray.7">
          {person.username} · last signed in {formatWhen(person.lastSignInAt)}
        </Text>
      </Group>

      <Stack gap="xs">
        <MultiSelect label="Roles" data={roleOptions(roles)} value={picked} onChange={setPicked} searchable />
        <Group>
          <Button
            size="xs"
            disabled={!rolesChanged}
            loading={patch.isPending}
            onClick={() => run({ roles: picked }, 'Roles changed; their sessions were signed out')}
          >
            Save roles
          </Button>
        </Group>
      </Stack>

      <Divider />
      <Title order={3} size="h5">
        Sign-in
      </Title>
      {code && <OneTimeCode name={person.displayName} code={code.code} expiresAt={code.expiresAt} />}
      <Group>
        {person.disabled ? (
          <Button
            size="xs"
            onClick={() => run({ disabled: false }, `${person.displayName} can sign in again`)}
          >
            Enable account
          </Button>
        ) : (
          <Button
            size="xs"
            color="red"
            variant="light"
            onClick={() => {
              if (
                window.confirm(
                  `Disable ${person.displayName}? They are signed out at once and cannot sign in.`,
                )
              )
                void run({ disabled: true }, `${person.displayName} is disabled and signed out`);
            }}
          >
            Disable account
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          disabled={person.disabled}
          onClick={() =>
            reset
              .mutateAsync(undefined)
              .then((r) => setCode({ code: r.setPasswordCode, expiresAt: r.expiresAt }))
              .catch(failed('No code'))
          }
        >
          Reset password (one-time code)
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!person.twoFactor}
          onClick={() => {
            if (
              window.confirm(
                `Reset two-factor sign-in for ${person.displayName}? They set up their authenticator again at next sign-in.`,
              )
            )
              void run({ resetTwoFactor: true }, 'Two-factor sign-in reset');
          }}
        >
          Reset two-factor
        </Button>
      </Group>

      <Divider />
      <Title order={3} size="h5">
        Where they are signed in
      </Title>
      <Sessions person={person} />

      <Divider />
      <Title order={3} size="h5">
        API tokens
      </Title>
      <Tokens userId={person.id} />

      <Divider />
      <Title order={3} size="h5">
        Changes to this account
      </Title>
      <ChangeTrail userId={person.id} compact />
    </Stack>
  );
}
