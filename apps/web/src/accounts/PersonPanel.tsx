import { Alert, Badge, Button, Divider, Group, Loader, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useMe } from '../auth/useMe.ts';
import { notifications } from '../shell/notifications.ts';
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
  useHeldTaskCount,
  useHeldTasksByRole,
  usePersonSessions,
} from './api.ts';
import { ChangeTrail } from './ChangeTrail.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { roleOptions } from './CreatePerson.tsx';
import { FullName } from './FullName.tsx';
import { disabledText, heldTasksText } from './heldTasks.ts';
import { OneTimeCode } from './OneTimeCode.tsx';
import { RemovedRoleWarning } from './RemovedRoleWarning.tsx';
import { ResetLink } from './ResetLink.tsx';
import { removedRoles } from './removedRoleTasks.ts';
import { enableProblem, rolesProblem } from './roleRequired.ts';
import { rolesSavedText } from './rolesSaved.ts';
import { SessionTable } from './SessionTable.tsx';
import { SignInPause } from './SignInPause.tsx';
import { twoFactorLine } from './twoFactorState.ts';
import { WorkEmail } from './WorkEmail.tsx';

/** The sign-in actions that ask first. */
type Confirming = 'disable' | 'password' | 'two-factor';

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

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join() === [...b].sort().join();

/** Everything an admin does to one person's account. */
export function PersonPanel({ person, roles }: { person: Person; roles: CatalogRole[] }) {
  // The roles picked, and the roles they were picked from: saved as `expectedRoles`, so a change
  // another admin made since is refused, not undone unseen.
  const [pick, setPick] = useState({ roles: person.roles, from: person.roles });
  const picked = pick.roles;
  const setPicked = (roles: string[]) => setPick((p) => ({ ...p, roles }));
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  // Roles another admin saved meanwhile (heard live) replace the shown ones, unless this admin has
  // already picked others: those stay, and saving them is refused with the roles as they now are.
  useEffect(
    () => setPick((p) => (sameRoles(p.roles, p.from) ? { roles: person.roles, from: person.roles } : p)),
    [person.roles],
  );
  const patch = useAccountAction((body: Record<string, unknown>) => patchPerson(person.id, body));
  const reset = useAccountAction(() => issueCode(person.id));
  const held = useHeldTaskCount(person.id, confirming === 'disable');
  const rolesChanged = !sameRoles(picked, person.roles);
  const rolesRefused = rolesProblem(picked, person.disabled);
  // Roles taken away: what the person holds in them goes back to its pool on save, so it is counted first.
  const removed = removedRoles(person.roles, picked);
  const heldByRole = useHeldTasksByRole(person.id, removed.length > 0 && !person.disabled);
  const enableRefused = enableProblem(person.roles);
  const name = person.displayName;
  // Nobody disables their own account (the server refuses it too): another admin does.
  const yourself = useMe().data?.user.id === person.id;

  const run = (body: Record<string, unknown>, done: string | ((returned: number) => string)) =>
    patch
      .mutateAsync(body)
      .then((answer) =>
        notifications.show({
          color: 'teal',
          title: 'Saved',
          message: typeof done === 'string' ? done : done(answer.tasksReturned),
        }),
      )
      .catch(failed('Not changed'))
      .finally(() => setConfirming(null));

  const issue = () =>
    reset
      .mutateAsync(undefined)
      .then((r) => setCode({ code: r.setPasswordCode, expiresAt: r.expiresAt }))
      .catch(failed('No code'))
      .finally(() => setConfirming(null));

  return (
    <Stack gap="md" data-testid="person-panel">
      <Group gap="xs">
        <Badge color={person.disabled ? 'gray.7' : 'teal.9'}>{person.disabled ? 'Disabled' : 'Active'}</Badge>
        <Text size="sm" c="gray.7">
          {person.username} · last signed in {formatWhen(person.lastSignInAt)}
        </Text>
      </Group>

      <FullName person={person} />

      <Stack gap="xs">
        <MultiSelect
          label="Roles"
          data={roleOptions(roles)}
          value={picked}
          onChange={setPicked}
          searchable
          error={rolesRefused}
        />
        {removed.length > 0 && !person.disabled && (
          <RemovedRoleWarning name={name} removed={removed} roles={roles} held={heldByRole} />
        )}
        <Group>
          <Button
            size="xs"
            disabled={!rolesChanged || rolesRefused !== null}
            loading={patch.isPending}
            onClick={() =>
              patch
                .mutateAsync({ roles: picked, expectedRoles: pick.from })
                .then((answer) => {
                  setPick({ roles: picked, from: picked });
                  notifications.show({
                    color: 'teal',
                    title: 'Saved',
                    message: rolesSavedText(name, person.twoFactor, answer.tasksReturned),
                  });
                })
                .catch((error: Error) => {
                  // Refused because another admin changed them since: the box shows the roles as they
                  // now are, which the refusal names, to choose from again. Any other failure keeps
                  // the picks, to save again.
                  if (error instanceof ApiError && error.code === 'CONFLICT')
                    setPick({ roles: person.roles, from: person.roles });
                  failed('Not changed')(error);
                })
            }
          >
            Save roles
          </Button>
        </Group>
      </Stack>

      <Divider />
      <WorkEmail person={person} />

      <Divider />
      <Title order={3} size="h5">
        Sign-in
      </Title>
      {!person.disabled && <SignInPause person={person} />}
      {code && <OneTimeCode name={person.displayName} code={code.code} expiresAt={code.expiresAt} />}
      <Group align="flex-start">
        {person.disabled ? (
          <Button
            size="xs"
            disabled={enableRefused !== null}
            aria-describedby={enableRefused ? 'enable-refused-note' : undefined}
            onClick={() => run({ disabled: false }, `${name} can sign in again`)}
          >
            Enable account
          </Button>
        ) : (
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={yourself}
            aria-describedby={yourself ? 'own-account-note' : undefined}
            onClick={() => setConfirming('disable')}
          >
            Disable account
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          disabled={person.disabled}
          onClick={() => setConfirming('password')}
        >
          Reset password (one-time code)
        </Button>
        <ResetLink person={person} />
        <Button
          size="xs"
          variant="default"
          // Nothing to reset until they have set it up (again): the line below says where it stands.
          disabled={!person.twoFactor}
          aria-describedby="two-factor-state"
          onClick={() => setConfirming('two-factor')}
        >
          Reset two-factor
        </Button>
      </Group>
      <Text size="sm" c="gray.7" id="two-factor-state" data-testid="two-factor-state">
        {twoFactorLine(person)}
      </Text>
      {person.disabled && enableRefused && (
        <Text size="sm" c="gray.7" id="enable-refused-note" data-testid="enable-refused-note">
          {enableRefused}
        </Text>
      )}
      {yourself && !person.disabled && (
        <Text size="sm" c="gray.7" id="own-account-note" data-testid="own-account-note">
          This is your own account: only another admin can disable it, and your open tasks then go back to
          their pools.
        </Text>
      )}
      <ConfirmDialog
        opened={confirming === 'disable'}
        title={`Disable ${name}?`}
        confirm="Disable account"
        busy={patch.isPending}
        ready={!held.isPending}
        onConfirm={() => void run({ disabled: true }, (returned) => disabledText(name, returned))}
        onClose={() => setConfirming(null)}
        testId="confirm-disable"
      >
        {held.isPending ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">Counting the open tasks {name} holds…</Text>
          </Group>
        ) : held.isError ? (
          <Text size="sm">
            Their open tasks could not be counted just now ({held.error.message}); whatever they hold goes
            back to its pool.
          </Text>
        ) : (
          <Text size="sm" fw={600} data-testid="confirm-disable-tasks">
            {heldTasksText(name, held.data)}
          </Text>
        )}
        <Text size="sm">
          They are signed out everywhere at once, their API tokens stop working, and they cannot sign in until
          an admin enables the account again. Their name stays on everything they did.
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === 'password'}
        title={`Reset ${name}'s password?`}
        confirm="Make a one-time code"
        color="teal.9"
        busy={reset.isPending}
        onConfirm={() => void issue()}
        onClose={() => setConfirming(null)}
        testId="confirm-reset-password"
      >
        <Text size="sm">
          You get a one-time code to give {name} in person or by phone; with it they choose a new password.
          Their current password keeps working until they do, and any earlier unused code stops working.
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirming === 'two-factor'}
        title={`Reset two-factor sign-in for ${name}?`}
        confirm="Reset two-factor"
        busy={patch.isPending}
        onConfirm={() =>
          void run(
            { resetTwoFactor: true },
            `Two-factor sign-in reset: ${name} sets it up again at their next sign-in`,
          )
        }
        onClose={() => setConfirming(null)}
        testId="confirm-reset-two-factor"
      >
        <Text size="sm">
          Their authenticator and recovery codes stop working and they are signed out. At their next sign-in
          they set up an authenticator again.
        </Text>
      </ConfirmDialog>

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
