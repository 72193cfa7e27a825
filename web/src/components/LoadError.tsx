import { Alert, Button, Container, Stack, Text } from '@mantine/core';

import { ApiError } from '../api/client';

/** What a page shows when its data could not be loaded: the server's words, or that it cannot be reached. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const offline = error instanceof ApiError && error.status === 0;
  return (
    <Container size="sm" py="xl">
      <Alert color="red" title={offline ? 'Cannot reach the server' : 'Could not load this page'} role="alert">
        <Stack gap="sm">
          <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
          {onRetry && (
            <Button variant="white" color="red" onClick={onRetry} w="fit-content">
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    </Container>
  );
}
