import { Alert, Center, Paper, Stack } from '@mantine/core';
import { SIGN_IN_ROUTES } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { forgetKeptWork } from '../editor/keptWorkStorage.ts';
import { SetPasswordWithCode } from './SetPasswordWithCode.tsx';
import { signingOutOnPurpose } from './sessionEnded.ts';
import { forgetSignedInData } from './useMe.ts';

/**
 * An emailed set-password link opened in a browser where someone is signed in: a shared front-desk
 * computer, or an admin checking a colleague's link. The form shows, never the app.
 *
 * Setting the password signs this browser out (rather than carrying on as whoever was signed in, or
 * signing in as the link's person): on a shared clinic computer the next thing done here must be
 * under the name of the person who then signs in, and the person who was signed in may still have
 * work open, so nothing ends until the password is actually set — "Keep working as …" leaves the link
 * unused. The sign-in form follows with the link's username filled in. (A link for the signed-in
 * person ends their sessions on the server anyway, this one included.)
 */
export function SetPasswordSignedIn({
  me,
  link,
  onDone,
  onKeep,
}: {
  me: Me;
  link: { username: string; code: string };
  onDone: (username: string) => void;
  onKeep: () => void;
}) {
  const client = useQueryClient();
  const who = me.user.displayName;
  const same = me.user.username === link.username.trim().toLowerCase();

  async function signedOut(username: string) {
    signingOutOnPurpose();
    await call(SIGN_IN_ROUTES.logout, {}).catch(() => undefined);
    setCsrfToken(null);
    forgetKeptWork();
    onDone(username);
    client.setQueryData(['me'], null);
    forgetSignedInData(client);
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder p="xl" w={460} shadow="xs">
        <Stack>
          <Alert color="blue" title="Someone is signed in here" data-testid="signed-in-elsewhere">
            {same
              ? `You (${who}) are signed in on this browser. Setting your password signs this browser out; then sign in with the new password.`
              : `${who} is signed in on this browser. Setting the password for ${link.username} signs this browser out, so nothing more is done here under ${who}'s name; then ${link.username} signs in.`}
          </Alert>
          <SetPasswordWithCode
            initialUsername={link.username}
            initialCode={link.code}
            onDone={(username) => void signedOut(username)}
            onCancel={onKeep}
            cancelLabel={`Keep working as ${who}`}
          />
        </Stack>
      </Paper>
    </Center>
  );
}
