import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches what a page throws while rendering, most often a page's code that can no longer be
 * loaded because the console was rebuilt since this tab opened: shown as a message with a
 * reload, never as a blank page.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const stale = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      this.state.error.message,
    );
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title={stale ? 'The console was updated' : 'This page failed'} role="alert">
          <Stack gap="sm">
            <Text size="sm">
              {stale
                ? 'This page could not be loaded, most likely because a newer version of the console was installed. Reload to get it.'
                : this.state.error.message || 'Unexpected error.'}
            </Text>
            <Button variant="white" color="red" w="fit-content" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
}
