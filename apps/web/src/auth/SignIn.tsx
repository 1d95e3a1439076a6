import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, setCsrfToken } from '../api/client.ts';
import type { Me, SignInResult, SignInStage } from '../api/types.ts';
import { preloadSignedIn, SignedInApp } from '../screens/screens.ts';
import { CodeStep } from './CodeStep.tsx';
import { EnrollTwoFactor } from './EnrollTwoFactor.tsx';
import { ForgotPassword } from './ForgotPassword.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { SetPasswordWithCode } from './SetPasswordWithCode.tsx';
import { SsoButton } from './SsoButton.tsx';
import { takeSessionEnded } from './sessionEnded.ts';
import { TwoFactorHelp } from './TwoFactorHelp.tsx';

/**
 * Signing in: the password, then — for accounts that need it — a code from an authenticator app, or
 * enrolling one first. `me` is a half-finished sign-in the browser still holds (after a reload).
 */
export function SignIn({
  me,
  link: opened = null,
  onLinkTaken,
  passwordSetFor = null,
}: {
  me?: Me | null;
  /** An emailed set-password link this page was opened with (read once by the app). */
  link?: { username: string; code: string } | null;
  /** This page has the link now: it is not offered again once the person is signed in. */
  onLinkTaken?: () => void;
  /** Whose password was just set from a link while someone else was signed in here. */
  passwordSetFor?: string | null;
}) {
  const client = useQueryClient();
  const [stage, setStage] = useState<SignInStage | null>(me?.stage && me.stage !== 'full' ? me.stage : null);
  const [username, setUsername] = useState(passwordSetFor ?? me?.user.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [signedIn, setSignedIn] = useState<SignInResult | null>(null);
  // An emailed link opens "Choose your password" with its username and code filled in.
  const [link] = useState(opened);
  useEffect(() => {
    if (link) onLinkTaken?.();
  }, [link, onLinkTaken]);
  const [settingPassword, setSettingPassword] = useState(link !== null);
  const [forgot, setForgot] = useState(false);
  const [passwordSet, setPasswordSet] = useState(passwordSetFor !== null);
  // Read once: the explanation shows until this page is left, not on the next visit.
  const [sessionEnded] = useState(takeSessionEnded);
  const page = useQuery({
    queryKey: ['sign-in-page'],
    queryFn: () => call(SIGN_IN_ROUTES.signInPage, {}),
    staleTime: Number.POSITIVE_INFINITY,
  });

  /** Fully signed in: into the app (after the recovery codes were seen, when there are new ones). */
  async function enter(result: SignInResult) {
    setCsrfToken(result.csrfToken);
    // The app's code downloads while the session is read back.
    preloadSignedIn(result.user.roles, window.location.pathname);
    client.setQueryData(['me'], null);
    await client.invalidateQueries();
  }

  async function afterStep(result: SignInResult) {
    setCsrfToken(result.csrfToken);
    if (result.stage !== 'full') {
      setStage(result.stage);
      return;
    }
    if (result.recoveryCodes) {
      setRecoveryCodes(result.recoveryCodes);
      setSignedIn(result);
      return;
    }
    await enter(result);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The password goes first: the server's check is the longest wait, and the app's code would
    // otherwise take every connection to the server ahead of it.
    const answer = call(SIGN_IN_ROUTES.login, { body: { username, password } });
    // The app behind sign-in downloads while the password is checked (a slow link's seconds overlap).
    void SignedInApp.preload().catch(() => undefined);
    setBusy(true);
    setError(null);
    try {
      await afterStep(await answer);
      setPassword('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not reach the server');
    } finally {
      setBusy(false);
    }
  }

  async function startOver() {
    await call(SIGN_IN_ROUTES.logout, {}).catch(() => undefined);
    setCsrfToken(null);
    setStage(null);
    setError(null);
    client.setQueryData(['me'], null);
  }

  let content: React.ReactNode;
  if (recoveryCodes && signedIn) {
    content = <RecoveryCodes codes={recoveryCodes} onDone={() => enter(signedIn)} />;
  } else if (settingPassword) {
    content = (
      <SetPasswordWithCode
        initialUsername={link?.username ?? username}
        initialCode={link?.code ?? ''}
        onDone={(name) => {
          setUsername(name);
          setSettingPassword(false);
          setPasswordSet(true);
          setError(null);
        }}
        onCancel={() => setSettingPassword(false)}
      />
    );
  } else if (forgot) {
    content = <ForgotPassword initial={username} onCancel={() => setForgot(false)} />;
  } else if (stage === 'totp') {
    content = <CodeStep username={username} onSignedIn={afterStep} onCancel={startOver} />;
  } else if (stage === 'enroll') {
    content = <EnrollTwoFactor onEnrolled={afterStep} onCancel={startOver} />;
  } else {
    content = (
      <form onSubmit={submit} aria-labelledby="signin-title">
        <Stack>
          <Title id="signin-title" order={1} size="h2">
            portalflow
          </Title>
          <Text size="sm" c="dimmed" data-testid="sign-in-clinic">
            {page.data
              ? `Sign in to ${page.data.clinic.name}'s portal workflows.`
              : "Sign in to your clinic's portal workflows."}
          </Text>
          {passwordSet && !error && (
            <Alert color="teal" role="status" title="Password set">
              Sign in with your new password.
            </Alert>
          )}
          {sessionEnded && !error && !passwordSet && (
            <Alert color="blue" role="status" title="You were signed out" data-testid="session-ended">
              Your session ended: you signed out on another screen, or an admin changed your account. Sign in
              again to go on.
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert" title="Sign-in failed">
              {error}
            </Alert>
          )}
          <SsoButton />
          <TextInput
            label="Username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            Sign in
          </Button>
          <Button variant="subtle" onClick={() => setForgot(true)}>
            Forgot your password?
          </Button>
          <Button variant="subtle" onClick={() => setSettingPassword(true)}>
            I have a one-time code from my admin
          </Button>
          <TwoFactorHelp demo={page.data?.demo === true} />
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder p="xl" w={420} shadow="xs">
        {content}
      </Paper>
    </Center>
  );
}
