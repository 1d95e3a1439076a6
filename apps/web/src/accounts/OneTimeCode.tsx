import { Alert, Anchor, Code, CopyButton, Group, Text } from '@mantine/core';
import { formatWhen } from '../shell/time.ts';

/** A set-password code, shown this once: the admin passes it on in person or by phone. */
export function OneTimeCode({ name, code, expiresAt }: { name: string; code: string; expiresAt: string }) {
  return (
    <Alert color="teal" title={`One-time code for ${name}`} data-testid="one-time-code">
      <Group gap="xs">
        <Code fz="lg" data-code={code}>
          {code}
        </Code>
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Anchor component="button" type="button" size="sm" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Anchor>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" mt="xs">
        Shown only now. Give it to {name} in person or by phone: on the sign-in page they choose “I have a
        one-time code” and set their own password. It works once and expires {formatWhen(expiresAt)}.
      </Text>
    </Alert>
  );
}
