import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { changeOwnPassword } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, setCsrfToken } from '../api/client.ts';
import { changingCredentials } from '../auth/credentialChange.ts';
import { notifications } from '../shell/notifications.ts';
import { countOf } from '../shell/plural.ts';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

/** The server's refusal on the field it names; anything else above the form. */
function refusal(error: unknown): { field: Field | null; message: string } {
  if (!(error instanceof ApiError))
    return { field: null, message: 'The password could not be changed: check the connection and try again.' };
  const named = (error.details as { fields?: Array<{ field?: string }> } | undefined)?.fields?.[0]?.field;
  if (named === 'currentPassword' || named === 'newPassword') return { field: named, message: error.message };
  if (error.code === 'PASSWORD_TOO_WEAK') return { field: 'newPassword', message: error.message };
  if (error.code === 'TOO_MANY_ATTEMPTS')
    return { field: null, message: 'Too many wrong passwords. Wait a few minutes, then try again.' };
  return { field: null, message: error.message };
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
      const { field, message } = refusal(error);
      if (field) setErrors({ [field]: message });
      else setProblem(message);
    } finally {
      setBusy(false);
    }
  }

  const input = (field: Field) => ({
    value: values[field],
    error: errors[field],
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
            data-testid="current-password"
            {...input('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description="At least 12 characters; a short sentence is easy to remember"
            autoComplete="new-password"
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
