import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { changeOwnPassword } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, setCsrfToken } from '../api/client.ts';
import { changingCredentials } from '../auth/credentialChange.ts';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { notifications } from '../shell/notifications.ts';
import { countOf } from '../shell/plural.ts';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/** The fields the server may refuse, in the form's order: each input's id. */
const INPUTS = { currentPassword: 'current-password', newPassword: 'new-password' };
/** Refusals with their own code that are about one field. */
const ABOUT = {
  CURRENT_PASSWORD_WRONG: 'currentPassword',
  PASSWORD_TOO_WEAK: 'newPassword',
  PASSWORD_UNCHANGED: 'newPassword',
};

/** The server's refusal on the fields it names; anything else above the form. */
function refusal(error: unknown): { fields: Partial<Record<Field, string>>; above: string | null } {
  if (!(error instanceof ApiError))
    return { fields: {}, above: 'The password could not be changed: check the connection and try again.' };
  if (error.code === 'TOO_MANY_ATTEMPTS')
    return { fields: {}, above: 'Too many wrong passwords. Wait a few minutes, then try again.' };
  return refusalOf(error, Object.keys(INPUTS), ABOUT);
}

/**
 * "Change your password": the current one proves it is you. Changing it signs you out everywhere else
 * and revokes your API tokens; this browser stays signed in.
 */
export function ChangePassword() {
  const client = useQueryClient();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focusRefused = useFocusFirstRefused();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = 'Type your current password';
    if (!values.newPassword) found.newPassword = 'Choose a new password';
    else if (values.repeat !== values.newPassword) found.repeat = 'This is not the same as the new password';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const done = await changingCredentials(
        call(changeOwnPassword, {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      );
      // The old session ended with the old password; the new one has its own CSRF token.
      setCsrfToken(done.csrfToken);
      // Who is signed in is asked again before saying so; the rest under `me` (this page's list of
      // sessions) follows on its own, so a slow list never holds back the answer.
      void client.invalidateQueries({ queryKey: ['me', 'sessions'] });
      await client.invalidateQueries({ queryKey: ['me'], exact: true });
      setValues({ currentPassword: '', newPassword: '', repeat: '' });
      const ended = [
        done.endedSessions > 0 ? `${countOf(done.endedSessions, 'other session')} signed out` : null,
        done.revokedTokens > 0 ? `${countOf(done.revokedTokens, 'API token')} revoked` : null,
      ].filter(Boolean);
      notifications.show({
        color: 'teal',
        title: 'Password changed',
        message: `Use it next time you sign in.${ended.length > 0 ? ` ${ended.join('; ')}.` : ''}`,
      });
    } catch (error) {
      const { fields, above } = refusal(error);
      setErrors(fields);
      setProblem(above);
      focusRefused(fields, INPUTS);
    } finally {
      setBusy(false);
    }
  }

  const input = (field: Field) => ({
    value: values[field],
    error: errors[field],
    // A password box's own input is not marked invalid by its error (Mantine marks its frame).
    'aria-invalid': errors[field] ? true : undefined,
    disabled: busy,
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [field]: value }));
      if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
    },
  });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="change-password-title">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="change-password">
        <Stack gap="sm" maw={420}>
          <Title order={3} size="h4" id="change-password-title">
            Change your password
          </Title>
          <Text size="sm" c="gray.8">
            You will stay signed in here. Every other browser where you are signed in is signed out, and your
            API tokens stop working.
          </Text>
          {problem && (
            <Alert
              color="red"
              variant="light"
              icon={<CircleAlert size={16} aria-hidden />}
              role="alert"
              data-testid="change-password-problem"
            >
              {problem}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            id={INPUTS.currentPassword}
            data-testid="current-password"
            {...input('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters; a short sentence is easy to remember"
            autoComplete="new-password"
            id={INPUTS.newPassword}
            data-testid="new-password"
            {...input('newPassword')}
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            data-testid="repeat-password"
            {...input('repeat')}
          />
          <Button
            type="submit"
            loading={busy}
            data-testid="change-password-submit"
            style={{ alignSelf: 'flex-start' }}
          >
            Change password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
