import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { fieldProblem } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { type Person, patchPerson, sendInvitation, useAccountAction } from './api.ts';
import { invitationLine } from './invitationText.ts';

/**
 * The person's work email address (the one they see under Email notifications) and their emailed
 * invitation: where and when it went, or why not, and a new one when it expired or failed.
 */
export function WorkEmail({ person }: { person: Person }) {
  const [address, setAddress] = useState(person.email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setAddress(person.email ?? ''), [person.email]);
  const save = useAccountAction((email: string | null) => patchPerson(person.id, { email }));
  const invite = useAccountAction(() => sendInvitation(person.id));
  const typed = address.trim();
  const changed = typed !== (person.email ?? '');
  // Never signed in: the invitation is how they get in.
  const waiting = person.lastSignInAt === null && !person.disabled;

  const saveAddress = () => {
    setProblem(null);
    save
      .mutateAsync(typed === '' ? null : typed)
      .then(() =>
        notifications.show({
          color: 'teal',
          title: 'Saved',
          message: typed ? `${person.displayName}'s emails now go to ${typed}` : 'Work email address removed',
        }),
      )
      // The server's words for the address it refused (too long, not an address), under it.
      .catch((e: Error) => {
        setProblem(fieldProblem(e, 'email') ?? e.message);
        input.current?.focus();
      });
  };

  const sendNew = () =>
    invite
      .mutateAsync(undefined)
      .then(({ invitation }) =>
        notifications.show({
          color: invitation.error ? 'red' : 'teal',
          title: invitation.error ? 'Invitation not sent' : 'Invitation sent',
          message: invitationLine(invitation),
        }),
      )
      .catch((e: Error) =>
        notifications.show({ color: 'red', title: 'Invitation not sent', message: e.message }),
      );

  return (
    <Stack gap="xs" data-testid="work-email">
      <Group align="flex-end" gap="xs">
        <TextInput
          label="Work email"
          description="Invitations, password resets and their notifications go here; they see it under Email notifications"
          type="email"
          autoComplete="off"
          placeholder="name@clinic.org"
          ref={input}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={problem}
          style={{ flex: 1 }}
        />
        <Button
          size="xs"
          mb={problem ? 22 : 0}
          disabled={!changed}
          loading={save.isPending}
          onClick={saveAddress}
        >
          Save email
        </Button>
      </Group>
      {person.invitation && (
        <Text size="sm" c={person.invitation.error ? 'red.8' : 'gray.7'} data-testid="invitation-state">
          {invitationLine(person.invitation)}
        </Text>
      )}
      {person.email && !person.disabled && (waiting || person.invitation) && (
        <Group>
          <Button size="xs" variant="default" loading={invite.isPending} onClick={sendNew}>
            Send a new invitation
          </Button>
        </Group>
      )}
    </Stack>
  );
}
