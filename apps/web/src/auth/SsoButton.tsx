import { Alert, Button, Code, Divider, Text } from '@mantine/core';
import { SIGN_IN_ROUTES, SSO_SIGN_IN_ERRORS, type SsoSignInError } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../api/call.ts';

/**
 * Why the provider's sign-in came back refused: the server redirects here with `?sso_error=CODE`.
 * Read once and taken out of the address bar, so a reload does not show it again. A known code is
 * shown with its words so the person can quote it to the admin, who finds it in the server's log.
 */
function takeSsoError(): { message: string; code: string | null } | null {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('sso_error');
  if (!code) return null;
  params.delete('sso_error');
  const rest = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
  const known = Object.hasOwn(SSO_SIGN_IN_ERRORS, code) ? (code as SsoSignInError) : null;
  return known
    ? { message: SSO_SIGN_IN_ERRORS[known], code: known }
    : { message: 'Signing in through the provider did not work. Try again.', code: null };
}

/** "Sign in with <provider>" when the server has single sign-on set up; the local form stays below. */
export function SsoButton() {
  const [error] = useState(takeSsoError);
  const provider = useQuery({
    queryKey: ['sso-provider'],
    queryFn: async () => (await call(SIGN_IN_ROUTES.ssoProvider, {})).provider,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <>
      {error && (
        <Alert color="red" role="alert" title="Single sign-on failed">
          <Text size="sm">{error.message}</Text>
          {error.code && (
            <Text size="xs" c="gray.8" mt={4}>
              Code for your admin: <Code>{error.code}</Code>
            </Text>
          )}
        </Alert>
      )}
      {provider.data && (
        <>
          {/* A full navigation: the provider's page takes over the browser, then sends it back here. */}
          <Button component="a" href={provider.data.startUrl} variant="filled" color="indigo">
            Sign in with {provider.data.name}
          </Button>
          <Divider label="or with your portalflow password" labelPosition="center" />
        </>
      )}
    </>
  );
}
