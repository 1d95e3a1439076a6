import { Alert, Button, Text } from '@mantine/core';
import { getSignInPause, liftSignInPause } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { call } from '../api/call.ts';
import { notifications } from '../shell/notifications.ts';
import { formatTime } from '../shell/time.ts';
import { type Person, useAccountAction } from './api.ts';

/**
 * A person held back after failed sign-ins (someone's typos on the front-desk PC, or guesses): until
 * when, and "Let them sign in now" for the admin they phoned. Nothing shows while nobody is held back.
 */
export function SignInPause({ person }: { person: Person }) {
  const pause = useQuery({
    queryKey: ['accounts', person.id, 'sign-in-pause'],
    queryFn: () => call(getSignInPause, { params: { id: person.id } }),
    staleTime: 0,
  });
  const lift = useAccountAction(() => call(liftSignInPause, { params: { id: person.id } }));
  const until = pause.data?.pausedUntil;
  if (!pause.data || !until) return null;
  const letIn = () =>
    lift
      .mutateAsync(undefined)
      .then(() =>
        notifications.show({
          color: 'teal',
          title: 'Sign-in no longer paused',
          message: `${person.displayName} can sign in now`,
        }),
      )
      .catch((error: Error) =>
        notifications.show({ color: 'red', title: 'Still paused', message: error.message }),
      );
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<Hourglass size={16} aria-hidden />}
      data-testid="sign-in-pause"
      role="status"
    >
      <Text size="sm">
        Sign-in paused after {pause.data.failedAttempts} failed attempts, until {formatTime(until)}. Someone
        typed wrong passwords or codes for this account: if it was {person.displayName}, let them sign in now.
      </Text>
      <Button size="xs" mt="xs" variant="default" loading={lift.isPending} onClick={() => void letIn()}>
        Let them sign in now
      </Button>
    </Alert>
  );
}
