import { Code, Text } from '@mantine/core';

/** What admins, leads and auditors (and the demo's users in those roles) need to know before signing in. */
export function TwoFactorHelp() {
  return (
    <Text size="xs" c="gray.7" data-testid="two-factor-help">
      Admins, leads and auditors sign in with a second step: a 6-digit code from an authenticator app (Google
      or Microsoft Authenticator, 1Password, …). The first time, you will set one up here. Trying the demo
      without a phone? Run <Code>pnpm portalflow totp &lt;setup key&gt;</Code> to print the code.
    </Text>
  );
}
