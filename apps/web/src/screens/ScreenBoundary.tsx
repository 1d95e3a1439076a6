import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * A screen whose code cannot be fetched (the link dropped, or a new release replaced the files this
 * page was built against) says so and offers a reload, instead of leaving a blank page.
 */
export class ScreenBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
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
            <Text size="sm">Check the network connection, then reload the page.</Text>
            <Button onClick={() => window.location.reload()} w="fit-content">
              Reload
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
