import { Code, Text } from '@mantine/core';

/**
 * What admins, leads and auditors need to know before signing in. How to print a code without a phone
 * is for the demo only: a clinic's staff have no command line. The command is the README's (pnpm
 * through npx at the pinned version), since a machine set up by the README has no pnpm of its own.
 */
export function TwoFactorHelp({ demo }: { demo: boolean }) {
  return (
    <Text size="xs" c="gray.7" data-testid="two-factor-help">
      Admins, leads, auditors and holders of emergency access sign in with a second step: a 6-digit code from
      an authenticator app (Google or Microsoft Authenticator, 1Password, …). The first time, you will set one
      up here.
      {demo && (
        <>
          {' '}
          Trying the demo without a phone? In the portalflow folder, run{' '}
          <Code>npx -y pnpm@12.4.2 portalflow totp &lt;setup key&gt;</Code> to print the code.
        </>
      )}
    </Text>
  );
}
