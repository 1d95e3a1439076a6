import { Alert, Button, Checkbox, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

/** The recovery codes, shown this once: each signs in once when the phone is not at hand. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <Stack data-testid="recovery-codes">
      <Title order={1} size="h2">
        Save your recovery codes
      </Title>
      <Alert color="red" title="Shown only now">
        If you lose your phone, each of these codes signs you in once. Keep them somewhere safe and private (a
        password manager, or printed in a locked drawer). An admin can also reset your two-factor sign-in.
      </Alert>
      {/* One code a line, never broken at a hyphen: half a code on the next line reads as another code. */}
      <SimpleGrid cols={1} spacing={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {codes.map((code) => (
          <Text
            component="li"
            key={code}
            ff="monospace"
            fz="sm"
            style={{ whiteSpace: 'nowrap' }}
            data-testid="recovery-code"
          >
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy all'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Checkbox
        label="I have saved these codes"
        checked={saved}
        onChange={(e) => setSaved(e.currentTarget.checked)}
        data-testid="recovery-codes-saved"
      />
      <Button disabled={!saved} onClick={onDone} data-testid="recovery-codes-continue">
        Continue
      </Button>
    </Stack>
  );
}
