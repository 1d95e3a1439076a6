import { Center, Loader, Progress, Stack, Text } from '@mantine/core';

/** The whole page while the app behind sign-in is fetched and who is signed in is asked. */
export function AppLoading() {
  return (
    <Center mih="100vh">
      <Loader role="status" aria-label="Loading" />
    </Center>
  );
}

/**
 * Shown while a screen's code is fetched (the first time it is opened). The editor is the largest
 * download, so it says what is happening with a progress bar rather than a bare spinner.
 */
export function ScreenLoading({ what, bar = false }: { what: string; bar?: boolean }) {
  return (
    <Center mih={240} data-testid="screen-loading">
      <Stack align="center" gap="xs" w={280}>
        {bar ? (
          <Progress
            value={100}
            animated
            striped
            w="100%"
            aria-label={`Loading ${what}`}
            data-testid="screen-loading-progress"
          />
        ) : (
          <Loader role="status" aria-label={`Loading ${what}`} />
        )}
        <Text size="sm" c="dimmed" role={bar ? 'status' : undefined}>
          Loading {what}…
        </Text>
      </Stack>
    </Center>
  );
}
