import { Alert, Badge, Button, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { type SsoStatus, ssoStatus } from '@portalflow/contract';
import { useQuery } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { call } from '../api/call.ts';
import { formatWhen } from '../shell/time.ts';

type Settings = NonNullable<SsoStatus['settings']>;

/** Each setting shown, in an admin's words, with the environment setting that changes it. */
const ROWS: Array<{ label: string; setting: string; value: (s: Settings) => string }> = [
  {
    label: 'Sign-in button says',
    setting: 'PORTALFLOW_OIDC_PROVIDER_NAME',
    value: (s) => `Sign in with ${s.providerName}`,
  },
  { label: 'Provider (issuer)', setting: 'PORTALFLOW_OIDC_ISSUER', value: (s) => s.issuer },
  {
    label: 'This app’s name at the provider (client ID)',
    setting: 'PORTALFLOW_OIDC_CLIENT_ID',
    value: (s) => s.clientId,
  },
  {
    label: 'Client secret',
    setting: 'PORTALFLOW_OIDC_CLIENT_SECRET',
    value: (s) =>
      s.clientSecretSet ? 'Set (never shown)' : 'None: the provider checks this app by PKCE only',
  },
  {
    label: 'Where the provider sends people back',
    setting: 'PORTALFLOW_OIDC_REDIRECT_URI',
    value: (s) => s.redirectUri,
  },
  {
    label: 'Claim listing a person’s groups',
    setting: 'PORTALFLOW_OIDC_GROUPS_CLAIM',
    value: (s) => s.groupsClaim,
  },
  {
    label: 'What is asked of the provider (scopes)',
    setting: 'PORTALFLOW_OIDC_SCOPES',
    value: (s) => s.scopes,
  },
  {
    label: 'Counts as a second factor at the provider',
    setting: 'PORTALFLOW_OIDC_MFA_AMR',
    value: (s) => s.mfaAmr.join(', ') || 'nothing: everyone also enters a code here',
  },
];

/**
 * Admins: whether single sign-on is set up on this server, with which provider, whether that provider
 * answers now, and the settings it runs with. They come from the server's environment: read-only
 * here, each with the setting whoever runs the server changes.
 */
export function SsoStatusPanel() {
  const status = useQuery({ queryKey: ['sso-status'], queryFn: () => call(ssoStatus, {}) });
  if (status.isPending) return <Loader role="status" aria-label="Checking single sign-on" />;
  if (status.error)
    return (
      <Alert color="red" title="Could not load single sign-on">
        {status.error.message}
      </Alert>
    );
  const { settings, provider } = status.data;

  return (
    <Stack gap="sm" data-testid="sso-status" style={{ overflowX: 'auto' }}>
      <Title order={3} size="h4">
        Single sign-on
      </Title>
      {!settings ? (
        <Text size="sm">
          Single sign-on is off on this server: everyone signs in with a username and password. Whoever runs
          the server turns it on with the settings <Code>PORTALFLOW_OIDC_ISSUER</Code>,{' '}
          <Code>PORTALFLOW_OIDC_CLIENT_ID</Code> and <Code>PORTALFLOW_OIDC_REDIRECT_URI</Code> (see the
          server’s README), then restarts it.
        </Text>
      ) : (
        <>
          <Text size="sm">
            Single sign-on is on: people can sign in with {settings.providerName}, and get the roles their
            groups map to below.
          </Text>
          {provider && (
            <Group gap="sm" align="center" wrap="wrap">
              <Badge
                variant="outline"
                color={provider.answers ? 'teal' : 'red'}
                c={provider.answers ? 'teal.9' : 'red.9'}
                tt="none"
              >
                {provider.answers
                  ? `${settings.providerName} answers`
                  : `${settings.providerName} does not answer`}
              </Badge>
              <Text size="xs" c="gray.7">
                Checked {formatWhen(provider.checkedAt)}
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<RefreshCw size={14} aria-hidden />}
                loading={status.isFetching}
                onClick={() => void status.refetch()}
              >
                Check again
              </Button>
            </Group>
          )}
          {provider && !provider.answers && (
            <Alert
              color="red"
              title={`${settings.providerName} cannot be reached from this server`}
              role="alert"
            >
              {provider.problem}. Nobody can sign in with {settings.providerName} until it answers; people
              with a password here can still sign in with it. Tell whoever runs the server.
            </Alert>
          )}
          <Text size="sm" c="gray.8">
            These settings come from the server’s environment and cannot be changed here: to change one,
            whoever runs the server changes the setting named beside it and restarts the server.
          </Text>
          <Table data-testid="sso-settings" verticalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="30%">Setting</Table.Th>
                <Table.Th>Now</Table.Th>
                <Table.Th w="30%">Changed by the server setting</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROWS.map((row) => (
                <Table.Tr key={row.setting}>
                  <Table.Td>
                    <Text size="sm">{row.label}</Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm">{row.value(settings)}</Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Code>{row.setting}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
