import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '../shell/notifications.ts';
import { formatWhen } from '../shell/time.ts';
import { type Person, sendResetLink, useAccountAction } from './api.ts';
import { maskedAddress } from './invitationText.ts';

/**
 * "Email a password reset link": for a person who calls having forgotten their password. The same
 * link "Forgot your password?" sends (one hour, one use), so the admin never learns a code or a
 * password; using it signs the person out everywhere else. Needs the person's work email address.
 */
export function ResetLink({ person }: { person: Person }) {
  const send = useAccountAction(() => sendResetLink(person.id));
  const why = person.disabled
    ? 'Enable the account first.'
    : person.email
      ? null
      : 'Give them a work email address above first: the link goes there.';

  const run = () =>
    send
      .mutateAsync(undefined)
      .then(({ passwordReset: sent }) =>
        notifications.show(
          sent.error
            ? {
                color: 'red',
                title: 'Password reset link not sent',
                message: `To ${maskedAddress(sent.to)}: ${sent.error}`,
              }
            : {
                color: 'teal',
                title: 'Password reset link sent',
                message: `To ${maskedAddress(sent.to)}. It works once, until ${formatWhen(sent.expiresAt)}; using it signs ${person.displayName} out everywhere else.`,
              },
        ),
      )
      .catch((e: Error) =>
        notifications.show({ color: 'red', title: 'Password reset link not sent', message: e.message }),
      );

  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="default"
        disabled={why !== null}
        loading={send.isPending}
        aria-describedby={why ? 'reset-link-note' : undefined}
        onClick={run}
      >
        Email a password reset link
      </Button>
      {why && (
        <Text size="xs" c="gray.7" id="reset-link-note" data-testid="reset-link-note">
          {why}
        </Text>
      )}
    </Stack>
  );
}
