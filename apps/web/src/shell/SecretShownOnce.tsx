import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/**
 * A secret the server shows once (an API token, an intake key, a webhook signing secret): copy it now,
 * it cannot be looked up later. `testId` names the alert (`<testId>-shown`) and the value (`<testId>`).
 */
export function SecretShownOnce({
  title,
  secret,
  testId,
  hint = 'Copy it now: it is shown only this once and cannot be looked up later.',
  onDone,
}: {
  title: string;
  secret: string;
  testId: string;
  hint?: string;
  /** Offers "I have saved it", which hides the secret. */
  onDone?: () => void;
}) {
  return (
    <Alert color="teal.9" variant="outline" title={title} data-testid={`${testId}-shown`}>
      <Stack gap="xs">
        <Text size="sm">{hint}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid={testId} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        {onDone && (
          <Button size="compact-sm" variant="default" onClick={onDone} w="fit-content">
            I have saved it
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
