import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/** What browsers say when a screen's code file cannot be fetched. */
const NOT_FETCHED = /dynamically imported module|Importing a module script failed|Loading chunk/i;

/** Whether an error is the screen's code failing to arrive (the link, or a new release), not a fault in it. */
export const notFetched = (error: unknown) => NOT_FETCHED.test(String((error as Error)?.message ?? error));

/**
 * A screen that cannot be shown says so and offers a reload, instead of leaving a blank page: its code
 * could not be fetched (the link dropped, or a new release replaced the files this page was built
 * against), or it failed while drawing, which is not the person's connection and is worded so.
 */
export class ScreenBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean; fetchFailed: boolean }
> {
  override state = { failed: false, fetchFailed: false };
  static getDerivedStateFromError(error: unknown) {
    return { failed: true, fetchFailed: notFetched(error) };
  }
  override componentDidUpdate(previous: { resetKey: string }) {
    // Moving to another screen tries again.
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Center mih={240}>
        <Alert color="red" title="This screen could not be opened" data-testid="screen-load-failed" maw={480}>
          <Stack gap="sm">
            <Text size="sm">
              {this.state.fetchFailed
                ? 'Check the network connection, then reload the page.'
                : 'Something on this screen went wrong. Reload the page; if it happens again, tell your clinic’s admin which screen and what you did just before.'}
            </Text>
            <Button onClick={() => window.location.reload()} w="fit-content">
              Reload
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
